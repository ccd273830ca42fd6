package dev.zos.node.workload.network;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Interface names for workloads. The kernel allows 15 characters, far fewer than a workload id, so names are a
 * two-letter kind and 13 hex digits (52 bits) of the id's SHA-256: stable across agent restarts, and collisions
 * are negligible on one node.
 */
public final class LinkNames {
    private LinkNames() {
    }

    /** The bridge of network workload {@code <twin>-<contract>-<name>}. */
    public static String bridge(String networkWorkloadId) {
        return "zn" + hash(networkWorkloadId);
    }

    /** The host end of a zmachine's veth pair; the container end is {@code eth0} in the machine's namespace. */
    public static String hostVeth(String machineWorkloadId) {
        return "zv" + hash(machineWorkloadId);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 13);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
