package dev.zos.flist.sign;

import java.util.Optional;

/** Finds a twin's registered ed25519 public key, e.g. from a grid's registry. */
@FunctionalInterface
public interface TwinKeys {
    /** The 32-byte public key of {@code twinId}, or empty when no such twin is registered. */
    Optional<byte[]> publicKey(long twinId);
}
