package dev.zos.grid.registry;

import dev.zos.core.registry.client.Paging;
import dev.zos.core.registry.model.ContractState;

import java.util.Set;

/**
 * What {@link Registry#contracts} returns, after grid-proxy's {@code /contracts}: by ids, owner twin,
 * node, type ("node" or "name") and state; nulls and empty sets mean "any". Ordered by contract id.
 */
public record ContractFilter(Set<Long> contractIds, Long twinId, Long nodeId, String type, Set<ContractState> states,
                             Paging paging) {
    public static final ContractFilter ALL = new ContractFilter(null, null, null, null, null, null);

    public ContractFilter {
        contractIds = contractIds == null ? Set.of() : Set.copyOf(contractIds);
        states = states == null ? Set.of() : Set.copyOf(states);
        paging = paging == null ? Paging.DEFAULT : paging;
        if (type != null && !type.equals("node") && !type.equals("name")) {
            throw dev.zos.core.ZosException.invalid("contract type must be node or name, got '" + type + "'");
        }
    }

    public ContractFilter withTwin(long twin) {
        return new ContractFilter(contractIds, twin, nodeId, type, states, paging);
    }

    public ContractFilter withNode(long node) {
        return new ContractFilter(contractIds, twinId, node, type, states, paging);
    }

    public ContractFilter withType(String t) {
        return new ContractFilter(contractIds, twinId, nodeId, t, states, paging);
    }

    public ContractFilter withStates(ContractState... s) {
        return new ContractFilter(contractIds, twinId, nodeId, type, Set.of(s), paging);
    }

    public ContractFilter withPaging(int page, int size) {
        return new ContractFilter(contractIds, twinId, nodeId, type, states, new Paging(page, size));
    }
}
