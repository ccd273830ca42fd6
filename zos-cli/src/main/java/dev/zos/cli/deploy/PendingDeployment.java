package dev.zos.cli.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.zos.core.ZosException;
import dev.zos.core.files.AtomicFile;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.json.GridJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A deployment waiting for co-signers: written by {@code zos deploy --require ... -o FILE}, signed by each
 * requested twin with {@code zos sign FILE}, sent with {@code zos deploy --submit FILE}. No contract exists
 * yet: it is created at submit, once the signatures reach the quorum, so an abandoned proposal leaves
 * nothing on the grid. {@code node_id} is 0 when the node is chosen at submit.
 */
@JsonPropertyOrder({"kind", "name", "grid", "node_id", "file", "deployment"})
public record PendingDeployment(
        @JsonProperty("kind") String kind,
        @JsonProperty("name") String name,
        @JsonProperty("grid") String grid,
        @JsonProperty("node_id") long nodeId,
        @JsonProperty("file") String file,
        @JsonProperty("deployment") Deployment deployment) {
    public static final String KIND = "zos-pending-deployment";

    public PendingDeployment {
        kind = KIND;
        file = file == null ? "" : file;
    }

    public PendingDeployment withDeployment(Deployment d) {
        return new PendingDeployment(kind, name, grid, nodeId, file, d);
    }

    public static PendingDeployment read(Path path) {
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw ZosException.notFound(path + ": no such file");
        } catch (IOException e) {
            throw ZosException.unavailable(path + ": cannot read: " + e.getMessage(), e);
        }
        PendingDeployment p;
        try {
            p = GridJson.json().readValue(text, PendingDeployment.class);
        } catch (IOException e) {
            throw ZosException.invalid(path + ": not a pending deployment: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (p == null || p.deployment() == null || p.name() == null || p.grid() == null) {
            throw ZosException.invalid(path + ": not a pending deployment (written by 'zos deploy --require ... -o FILE')");
        }
        try {
            p.deployment().validate();
        } catch (ZosException e) {
            throw ZosException.invalid(path + ": " + e.getMessage());
        }
        return p;
    }

    public void write(Path path) {
        try {
            AtomicFile.replace(path, (GridJson.toPrettyJson(this) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ZosException.unavailable("cannot write " + path + ": " + e.getMessage(), e);
        }
    }
}
