package dev.zos.grid.registry;

import dev.zos.core.registry.model.Resources;

/** Grid totals for the explorer's {@code /stats}; resources are the sum over nodes that are up or standby. */
public record Stats(long twins, long farms, long nodes, long nodesUp, long nodesStandby, long nodesDown,
                    long countries, Resources totalResources, long publicIps, long usedPublicIps,
                    long activeNodeContracts, long activeNameContracts, long logEntries) {
}
