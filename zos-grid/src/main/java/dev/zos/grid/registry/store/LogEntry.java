package dev.zos.grid.registry.store;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One entry of the hash-chained log: its index (from 1), the previous entry's hash (32 zero bytes for the
 * first), the transaction's canonical bytes, their signature, and
 * {@code hash = SHA-256(index as 8 bytes big-endian ‖ prev ‖ length of tx as 4 bytes ‖ tx ‖ signature)}.
 */
public record LogEntry(long index, byte[] prevHash, byte[] tx, byte[] signature, byte[] hash) {
    public static final int HASH_LENGTH = 32;
    public static final byte[] GENESIS = new byte[HASH_LENGTH];

    public static LogEntry create(long index, byte[] prevHash, byte[] tx, byte[] signature) {
        return new LogEntry(index, prevHash, tx, signature, computeHash(index, prevHash, tx, signature));
    }

    public static byte[] computeHash(long index, byte[] prevHash, byte[] tx, byte[] signature) {
        try {
            var md = MessageDigest.getInstance("SHA-256");
            md.update(ByteBuffer.allocate(8).putLong(index).array());
            md.update(prevHash);
            md.update(ByteBuffer.allocate(4).putInt(tx.length).array());
            md.update(tx);
            md.update(signature);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** True when the stored hash is the hash of the stored fields. */
    public boolean hashMatches() {
        return prevHash != null && tx != null && signature != null && hash != null
                && Arrays.equals(hash, computeHash(index, prevHash, tx, signature));
    }

    public String hashHex() {
        return HexFormat.of().formatHex(hash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogEntry e && e.index == index && Arrays.equals(e.hash, hash)
                && Arrays.equals(e.prevHash, prevHash) && Arrays.equals(e.tx, tx) && Arrays.equals(e.signature, signature);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(index) * 31 + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "LogEntry[" + index + ", " + hashHex() + "]";
    }
}
