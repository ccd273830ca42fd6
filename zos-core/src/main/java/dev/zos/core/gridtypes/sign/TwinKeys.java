package dev.zos.core.gridtypes.sign;

import java.util.Map;
import java.util.Optional;

/** Finds a twin's ed25519 public key (32 bytes), usually from the registry. */
@FunctionalInterface
public interface TwinKeys {

    Optional<byte[]> publicKey(long twinId);

    /** A fixed table, for tests and offline checks. */
    static TwinKeys of(Map<Long, byte[]> keys) {
        var copy = Map.copyOf(keys);
        return twin -> Optional.ofNullable(copy.get(twin)).map(byte[]::clone);
    }
}
