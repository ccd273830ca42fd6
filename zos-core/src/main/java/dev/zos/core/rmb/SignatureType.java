package dev.zos.core.rmb;

import java.util.Optional;

/** The key type byte that prefixes every RMB signature (envelopes and relay tokens). */
public enum SignatureType {
    ED25519((byte) 'e'),
    /** Recognised so the error can say so; this project has no sr25519 implementation. */
    SR25519((byte) 's');

    private final byte prefix;

    SignatureType(byte prefix) {
        this.prefix = prefix;
    }

    public byte prefix() {
        return prefix;
    }

    public static Optional<SignatureType> ofPrefix(byte prefix) {
        for (SignatureType type : values()) {
            if (type.prefix == prefix) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
