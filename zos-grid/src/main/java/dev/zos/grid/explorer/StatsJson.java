package dev.zos.grid.explorer;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.zos.grid.registry.Stats;

/**
 * Grid totals with grid-proxy's {@code /stats} names ({@code contracts} counts active node and name
 * contracts; {@code total_*} sum the nodes that are up or in standby), plus this grid's own counters.
 */
public record StatsJson(
        @JsonProperty("nodes") long nodes,
        @JsonProperty("farms") long farms,
        @JsonProperty("countries") long countries,
        @JsonProperty("total_cru") long totalCru,
        @JsonProperty("total_sru") long totalSru,
        @JsonProperty("total_mru") long totalMru,
        @JsonProperty("total_hru") long totalHru,
        @JsonProperty("public_ips") long publicIps,
        @JsonProperty("twins") long twins,
        @JsonProperty("contracts") long contracts,
        @JsonProperty("nodes_up") long nodesUp,
        @JsonProperty("nodes_standby") long nodesStandby,
        @JsonProperty("nodes_down") long nodesDown,
        @JsonProperty("used_public_ips") long usedPublicIps,
        @JsonProperty("node_contracts") long nodeContracts,
        @JsonProperty("name_contracts") long nameContracts,
        @JsonProperty("log_entries") long logEntries) {

    static StatsJson of(Stats s) {
        var r = s.totalResources();
        return new StatsJson(s.nodes(), s.farms(), s.countries(), r.cru(), r.sru(), r.mru(), r.hru(), s.publicIps(),
                s.twins(), s.activeNodeContracts() + s.activeNameContracts(), s.nodesUp(), s.nodesStandby(),
                s.nodesDown(), s.usedPublicIps(), s.activeNodeContracts(), s.activeNameContracts(), s.logEntries());
    }
}
