package dev.zos.core.rmb.peer;

import java.util.Optional;

/**
 * Where a peer looks up other twins' keys. The grid client implements it against the registry
 * (with a cache); tests use a map. Called from the peer's worker threads, so it must be thread-safe,
 * and may block (virtual threads).
 */
@FunctionalInterface
public interface TwinDirectory {
    /** The twin's keys, or empty when the twin does not exist. */
    Optional<TwinInfo> lookup(long twin);
}
