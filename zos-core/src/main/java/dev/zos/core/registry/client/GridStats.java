package dev.zos.core.registry.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Grid totals from {@code /stats}. */
public record GridStats(
        @JsonProperty("nodes") long nodes,
        @JsonProperty("farms") long farms,
        @JsonProperty("countries") long countries,
        @JsonProperty("twins") long twins,
        @JsonProperty("contracts") long contracts,
        @JsonProperty("nodes_up") long nodesUp,
        @JsonProperty("nodes_standby") long nodesStandby,
        @JsonProperty("nodes_down") long nodesDown,
        @JsonProperty("total_cru") long totalCru,
        @JsonProperty("total_sru") long totalSru,
        @JsonProperty("total_mru") long totalMru,
        @JsonProperty("total_hru") long totalHru,
        @JsonProperty("public_ips") long publicIps) {
}
