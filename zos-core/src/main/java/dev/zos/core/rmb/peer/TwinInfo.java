package dev.zos.core.rmb.peer;

import dev.zos.core.ZosException;
import dev.zos.core.identity.Ed25519;
import dev.zos.core.rmb.RmbAddress;
import dev.zos.core.rmb.crypto.E2eKey;
import java.util.Optional;

/**
 * What a peer needs to know about another twin.
 *
 * @param twin         twin id
 * @param publicKey    the twin's 32-byte ed25519 public key (checks its signatures)
 * @param e2ePublicKey the twin's 33-byte compressed secp256k1 key, or null when it takes no encrypted payloads
 */
public record TwinInfo(long twin, byte[] publicKey, byte[] e2ePublicKey) {
    public TwinInfo {
        if (twin < 0 || twin > RmbAddress.MAX_TWIN) {
            throw ZosException.invalid("twin id must be 0.." + RmbAddress.MAX_TWIN + ", got " + twin);
        }
        if (publicKey == null || publicKey.length != Ed25519.PUBLIC_KEY_LENGTH) {
            throw ZosException.invalid("twin " + twin + " public key must be " + Ed25519.PUBLIC_KEY_LENGTH + " bytes");
        }
        if (e2ePublicKey != null && e2ePublicKey.length != E2eKey.PUBLIC_KEY_LENGTH) {
            throw ZosException.invalid("twin " + twin + " e2e key must be " + E2eKey.PUBLIC_KEY_LENGTH + " bytes");
        }
        publicKey = publicKey.clone();
        e2ePublicKey = e2ePublicKey == null ? null : e2ePublicKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    public Optional<byte[]> e2eKey() {
        return Optional.ofNullable(e2ePublicKey).map(byte[]::clone);
    }

    @Override
    public byte[] e2ePublicKey() {
        return e2ePublicKey == null ? null : e2ePublicKey.clone();
    }
}
