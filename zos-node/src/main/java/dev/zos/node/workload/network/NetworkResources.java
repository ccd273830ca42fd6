package dev.zos.node.workload.network;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.workload.Network;
import dev.zos.node.provision.NodeEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The network resources of this node on disk, one file per (twin, network name) under
 * {@code driverDir(network)/resources/<twin>-<name>.json}: a zmachine names its network by name only, and may be
 * in another deployment of the same twin than the network (ThreeFold's clients deploy them apart).
 */
public final class NetworkResources {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NetworkResources() {
    }

    static Path file(NodeEnvironment node, long twin, String name) {
        return node.driverDir(Network.TYPE).resolve("resources").resolve(twin + "-" + name + ".json");
    }

    public static Optional<NetworkResource> find(NodeEnvironment node, long twin, String name) {
        Path file = file(node, twin, name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), NetworkResource.class));
        } catch (IOException e) {
            throw ZosException.unavailable("cannot read network state " + file + ": " + e.getMessage(), e);
        }
    }

    static void save(NodeEnvironment node, long twin, String name, NetworkResource resource) {
        Path file = file(node, twin, name);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), resource);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw ZosException.unavailable("cannot write network state " + file + ": " + e.getMessage(), e);
        }
    }

    static void remove(NodeEnvironment node, long twin, String name) {
        Path file = file(node, twin, name);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw ZosException.unavailable("cannot remove network state " + file + ": " + e.getMessage(), e);
        }
    }
}
