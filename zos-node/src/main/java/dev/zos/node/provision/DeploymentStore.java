package dev.zos.node.provision;

import dev.zos.core.ZosException;
import dev.zos.core.files.AtomicFile;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.json.DeploymentReader;
import dev.zos.core.gridtypes.json.GridJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The node's deployments on its data disk: one gridtypes JSON file per contract ({@code <contract>.json}, results
 * included), each written atomically, so a node killed at any moment restarts with every deployment in the last
 * state it recorded. A cache of the registry: reconciliation drops what the registry cancelled.
 */
public final class DeploymentStore {
    private static final Pattern NAME = Pattern.compile("^[0-9]{1,20}\\.json$");

    private final Path dir;

    public DeploymentStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Every stored deployment by contract id; INVALID naming the file when one is not a deployment. */
    public Map<Long, Deployment> loadAll() {
        var out = new TreeMap<Long, Deployment>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (!NAME.matcher(f.getFileName().toString()).matches()) {
                    continue; // temporary files of an interrupted write
                }
                String text = Files.readString(f, StandardCharsets.UTF_8);
                Deployment d = DeploymentReader.parse(text, DeploymentReader.Format.JSON, f.toString());
                out.put(d.contractId(), d);
            }
        } catch (IOException e) {
            throw ZosException.unavailable("cannot read the deployment store " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    public void put(Deployment d) {
        try {
            Files.createDirectories(dir);
            AtomicFile.replace(file(d.contractId()), GridJson.toJson(d).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ZosException.unavailable("cannot write deployment " + d.contractId() + " to " + dir + ": " + e.getMessage(), e);
        }
    }

    public void remove(long contractId) {
        try {
            AtomicFile.delete(file(contractId));
        } catch (IOException e) {
            throw ZosException.unavailable("cannot remove deployment " + contractId + " from " + dir + ": " + e.getMessage(), e);
        }
    }

    private Path file(long contractId) {
        return dir.resolve(contractId + ".json");
    }
}
