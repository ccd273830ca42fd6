package dev.zos.grid.explorer;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.zos.core.registry.model.Twin;

/**
 * A twin as {@code /twins} shows it: grid-proxy's {@code twin_id}, {@code relay}, {@code public_key} (hex
 * ed25519), plus {@code pk}, the optional secp256k1 key (hex) RMB encrypts to (null when absent).
 */
public record TwinJson(
        @JsonProperty("twin_id") long twinId,
        @JsonProperty("relay") String relay,
        @JsonProperty("public_key") String publicKey,
        @JsonProperty("pk") String pk) {

    static TwinJson of(Twin t) {
        return new TwinJson(t.id(), t.relay(), t.publicKey(), t.pk());
    }
}
