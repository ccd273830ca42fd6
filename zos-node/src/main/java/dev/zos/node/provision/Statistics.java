package dev.zos.node.provision;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.zos.core.gridtypes.Capacity;

/**
 * {@code zos.statistics.get}, as zos answers it: the node's total capacity, what is used (users' workloads plus the
 * system's reserve), the system's reserve alone, and how many deployments and workloads users have.
 */
public record Statistics(@JsonProperty("total") Capacity total, @JsonProperty("used") Capacity used,
                         @JsonProperty("system") Capacity system, @JsonProperty("users") Users users) {

    public record Users(@JsonProperty("deployments") int deployments, @JsonProperty("workloads") int workloads) {
    }
}
