package dev.zos.core.registry.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Capacity as the explorer shows it: cores, and bytes of SSD, HDD and memory. */
public record Capacity(
        @JsonProperty("cru") long cru,
        @JsonProperty("sru") long sru,
        @JsonProperty("hru") long hru,
        @JsonProperty("mru") long mru) {
    public static final Capacity NONE = new Capacity(0, 0, 0, 0);
}
