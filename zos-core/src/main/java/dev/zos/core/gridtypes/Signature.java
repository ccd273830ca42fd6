package dev.zos.core.gridtypes;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One twin's signature over the challenge hash, hex encoded; {@code signature_type} is ed25519 or sr25519. */
public record Signature(
        @JsonProperty("twin_id") long twinId,
        @JsonProperty("signature") String signature,
        @JsonProperty("signature_type") String signatureType) {

    public static final String ED25519 = "ed25519";
    public static final String SR25519 = "sr25519";

    public Signature {
        signature = Defaults.text(signature);
        signatureType = Defaults.text(signatureType);
    }
}
