package dev.zos.core.gridtypes;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A twin whose signature counts towards the deployment, with its weight. */
public record SignatureRequest(
        @JsonProperty("twin_id") long twinId,
        @JsonProperty("required") boolean required,
        @JsonProperty("weight") long weight) {

    void challenge(Challenge c) {
        c.d(twinId).t(required).d(weight);
    }
}
