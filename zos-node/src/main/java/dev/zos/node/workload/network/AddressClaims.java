package dev.zos.node.workload.network;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.workload.Network;
import dev.zos.node.provision.NodeEnvironment;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which machine holds which address of a network: one file per address, {@code
 * driverDir(network)/addresses/<twin>-<name>/<ip>}, holding the machine's workload id. Created with
 * {@code CREATE_NEW}, so two machines claiming one address at once cannot both win.
 */
final class AddressClaims {
    private AddressClaims() {
    }

    private static Path dir(NodeEnvironment node, long twin, String network) {
        return node.driverDir(Network.TYPE).resolve("addresses").resolve(twin + "-" + network);
    }

    /** The machine holding {@code ip}, if any. */
    static Optional<String> holder(NodeEnvironment node, long twin, String network, String ip) {
        Path file = dir(node, twin, network).resolve(ip);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
        } catch (IOException e) {
            throw ZosException.unavailable("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Records {@code machine} as the holder of {@code ip}; CONFLICT when another machine holds it. */
    static void claim(NodeEnvironment node, long twin, String network, String ip, String machine) {
        Path file = dir(node, twin, network).resolve(ip);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("." + ip + "." + machine + ".tmp");
            Files.writeString(tmp, machine);
            try {
                Files.createLink(file, tmp); // atomic, and fails when the address is taken
            } catch (FileAlreadyExistsException e) {
                String other = Files.readString(file).strip();
                if (!other.equals(machine)) {
                    throw new ZosException(ZosException.Kind.CONFLICT, "address " + ip + " of network " + network
                            + " is already used by zmachine " + other);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw ZosException.unavailable("cannot record address " + ip + " in " + file.getParent() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Frees every address {@code machine} holds on {@code network}. */
    static void release(NodeEnvironment node, long twin, String network, String machine) {
        Path dir = dir(node, twin, network);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (Files.readString(f).strip().equals(machine)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw ZosException.unavailable("cannot release the addresses of " + machine + " in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /** Forgets all claims on {@code network} (the network is gone). */
    static void forget(NodeEnvironment node, long twin, String network) {
        Path dir = dir(node, twin, network);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw ZosException.unavailable("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }
}
