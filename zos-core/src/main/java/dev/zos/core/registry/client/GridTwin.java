package dev.zos.core.registry.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A twin as the explorer shows it: id, relay URL, ed25519 public key (hex) and optional secp256k1 {@code pk}. */
public record GridTwin(
        @JsonProperty("twin_id") long twinId,
        @JsonProperty("relay") String relay,
        @JsonProperty("public_key") String publicKey,
        @JsonProperty("pk") String pk) {
}
