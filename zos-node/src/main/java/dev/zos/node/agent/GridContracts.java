package dev.zos.node.agent;

import dev.zos.core.registry.client.ContractQuery;
import dev.zos.core.registry.client.GridClient;
import dev.zos.core.registry.client.GridContract;
import dev.zos.core.registry.client.Page;
import dev.zos.core.registry.client.Paging;
import dev.zos.node.provision.ContractSource;
import dev.zos.node.provision.NodeContract;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** This node's contracts, read from the explorer's {@code /contracts} (all pages). */
final class GridContracts implements ContractSource {
    private static final int PAGE = Paging.MAX_SIZE;

    private final GridClient grid;
    private final long nodeId;

    GridContracts(GridClient grid, long nodeId) {
        this.grid = grid;
        this.nodeId = nodeId;
    }

    @Override
    public Optional<NodeContract> contract(long contractId, long ownerTwin) {
        return Optional.ofNullable(query(ownerTwin).get(contractId));
    }

    @Override
    public Map<Long, NodeContract> nodeContracts() {
        return query(null);
    }

    private Map<Long, NodeContract> query(Long twin) {
        Map<Long, NodeContract> out = new HashMap<>();
        for (int page = 1; ; page++) {
            Page<GridContract> p = grid.contracts(new ContractQuery(twin, nodeId, "node", null, new Paging(page, PAGE)));
            p.items().forEach(c -> out.put(c.contractId(), of(c)));
            if (p.items().size() < PAGE) {
                return out;
            }
        }
    }

    private static NodeContract of(GridContract c) {
        Object node = c.details().get("nodeId");
        Object hash = c.details().get("deployment_hash");
        return new NodeContract(c.contractId(), c.twinId(), node instanceof Number n ? n.longValue() : 0,
                hash == null ? "" : hash.toString(), !"Deleted".equalsIgnoreCase(c.state()));
    }
}
