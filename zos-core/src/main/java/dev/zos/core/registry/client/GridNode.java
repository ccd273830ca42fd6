package dev.zos.core.registry.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A node as the explorer shows it (the fields the tools use); times in unix seconds, sizes in bytes.
 * {@code status} is {@code up}, {@code standby} or {@code down}; {@code power} holds the node's reported
 * state and the farmer's target ({@code up} or {@code down}).
 */
@JsonPropertyOrder({"nodeId", "farmId", "farmName", "twinId", "country", "city", "status", "power", "uptime",
        "created", "updatedAt", "total_resources", "used_resources", "free_resources", "serialNumber", "virtualized"})
public record GridNode(
        @JsonProperty("nodeId") long nodeId,
        @JsonProperty("farmId") long farmId,
        @JsonProperty("farmName") String farmName,
        @JsonProperty("twinId") long twinId,
        @JsonProperty("country") String country,
        @JsonProperty("city") String city,
        @JsonProperty("status") String status,
        @JsonProperty("power") Power power,
        @JsonProperty("uptime") long uptime,
        @JsonProperty("created") long created,
        @JsonProperty("updatedAt") long updatedAt,
        @JsonProperty("total_resources") Capacity totalResources,
        @JsonProperty("used_resources") Capacity usedResources,
        @JsonProperty("free_resources") Capacity freeResources,
        @JsonProperty("serialNumber") String serialNumber,
        @JsonProperty("virtualized") boolean virtualized) {

    public GridNode {
        totalResources = totalResources == null ? Capacity.NONE : totalResources;
        usedResources = usedResources == null ? Capacity.NONE : usedResources;
        freeResources = freeResources == null ? Capacity.NONE : freeResources;
        power = power == null ? new Power("up", "up") : power;
    }

    /** The node's reported power state and the farmer's power target: "up" or "down". */
    public record Power(@JsonProperty("state") String state, @JsonProperty("target") String target) {
    }
}
