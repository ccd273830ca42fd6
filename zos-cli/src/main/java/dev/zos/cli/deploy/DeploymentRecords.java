package dev.zos.cli.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.zos.core.ZosException;
import dev.zos.core.files.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The local list of deployments made from this machine, in {@code $XDG_DATA_HOME/zos/deployments.json},
 * rewritten atomically on every change. Names are unique per grid. The registry stays the source of truth:
 * a record only says which contract a name means.
 */
public final class DeploymentRecords {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path file;

    public DeploymentRecords(Path dataDir) {
        this.file = dataDir.resolve("deployments.json");
    }

    public Path file() {
        return file;
    }

    public synchronized List<DeploymentRecord> all() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<List<DeploymentRecord>>() { });
        } catch (IOException e) {
            throw ZosException.invalid(file + " is damaged (" + e.getMessage().lines().findFirst().orElse("")
                    + "); fix or remove it");
        }
    }

    public List<DeploymentRecord> onGrid(String grid) {
        return all().stream().filter(r -> r.grid().equals(grid)).toList();
    }

    public Optional<DeploymentRecord> byName(String grid, String name) {
        return onGrid(grid).stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public Optional<DeploymentRecord> byContract(String grid, long contractId) {
        return onGrid(grid).stream().filter(r -> r.contractId() == contractId).findFirst();
    }

    /** Adds a record; CONFLICT when the name is taken on that grid. */
    public synchronized void add(DeploymentRecord record) {
        var list = new ArrayList<>(all());
        if (list.stream().anyMatch(r -> r.grid().equals(record.grid()) && r.name().equals(record.name()))) {
            throw new ZosException(ZosException.Kind.CONFLICT, "a deployment named '" + record.name()
                    + "' already exists; cancel it first or choose another --name");
        }
        list.add(record);
        list.sort(Comparator.comparing(DeploymentRecord::name));
        save(list);
    }

    public synchronized void remove(String grid, long contractId) {
        var list = new ArrayList<>(all());
        if (list.removeIf(r -> r.grid().equals(grid) && r.contractId() == contractId)) {
            save(list);
        }
    }

    private void save(List<DeploymentRecord> list) {
        byte[] text;
        try {
            text = (JSON.writeValueAsString(list) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ZosException(ZosException.Kind.INTERNAL, "cannot write records: " + e.getMessage(), e);
        }
        try {
            AtomicFile.replace(file, text);
        } catch (IOException e) {
            throw ZosException.unavailable("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
