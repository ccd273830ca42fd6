package dev.zos.grid.registry;

import dev.zos.grid.registry.internal.State;
import dev.zos.core.registry.model.Contract;
import dev.zos.core.registry.model.Farm;
import dev.zos.core.registry.model.Node;
import dev.zos.core.registry.model.Resources;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The read side: filters, sorts and pages over the published state. Callers hold the read lock. */
final class Queries {
    private final State state;
    private final RegistryOptions options;

    Queries(State state, RegistryOptions options) {
        this.state = state;
        this.options = options;
    }

    NodeView view(Node n, Instant now) {
        Resources used = state.used(n.id());
        Farm farm = state.farm(n.farmId());
        return new NodeView(n, NodeStatus.of(n, now, options.reportInterval()), used, n.resources().minus(used),
                farm == null ? 0 : farm.freeIps());
    }

    Page<NodeView> nodes(NodeFilter f) {
        Instant now = options.clock().instant();
        Predicate<NodeView> match = v -> (f.farmIds().isEmpty() || f.farmIds().contains(v.node().farmId()))
                && (f.status().isEmpty() || f.status().contains(v.status()))
                && (f.freeMru() == null || v.free().mru() >= f.freeMru())
                && (f.freeSru() == null || v.free().sru() >= f.freeSru())
                && (f.freeHru() == null || v.free().hru() >= f.freeHru())
                && (f.freeIps() == null || v.farmFreeIps() >= f.freeIps())
                && (f.country() == null || f.country().equalsIgnoreCase(v.node().location().country()))
                && (f.twinId() == null || f.twinId() == v.node().twinId());
        Comparator<NodeView> order = switch (f.sortBy()) {
            case NODE_ID -> Comparator.comparingLong(v -> v.node().id());
            case FARM_ID -> Comparator.comparingLong(v -> v.node().farmId());
            case TWIN_ID -> Comparator.comparingLong(v -> v.node().twinId());
            case FREE_MRU -> Comparator.comparingLong(v -> v.free().mru());
            case FREE_SRU -> Comparator.comparingLong(v -> v.free().sru());
            case FREE_HRU -> Comparator.comparingLong(v -> v.free().hru());
            case TOTAL_CRU -> Comparator.comparingLong(v -> v.node().resources().cru());
            case UPTIME -> Comparator.comparingLong(v -> v.node().uptime());
            case UPDATED_AT -> Comparator.comparingLong(v -> v.node().updated());
        };
        if (f.descending()) {
            order = order.reversed();
        }
        order = order.thenComparingLong(v -> v.node().id());
        var matches = state.allNodes().stream().map(n -> view(n, now)).filter(match);
        return page(f.sortBy() == NodeFilter.Sort.NODE_ID && !f.descending() ? matches : matches.sorted(order),
                f.paging());
    }

    Page<Farm> farms(FarmFilter f) {
        var matches = state.allFarms().stream().filter(farm ->
                (f.farmIds().isEmpty() || f.farmIds().contains(farm.id()))
                        && (f.twinId() == null || f.twinId() == farm.twinId())
                        && (f.name() == null || f.name().equals(farm.name()))
                        && (f.nameContains() == null || farm.name().toLowerCase().contains(f.nameContains().toLowerCase()))
                        && (f.freeIps() == null || farm.freeIps() >= f.freeIps())
                        && (f.pricingPolicyId() == null || f.pricingPolicyId() == farm.pricingPolicyId()));
        return page(matches, f.paging());
    }

    Page<Contract> contracts(ContractFilter f) {
        Stream<Contract> all = Stream.concat(
                f.type() == null || f.type().equals("node") ? state.allNodeContracts().stream() : Stream.empty(),
                f.type() == null || f.type().equals("name") ? state.allNameContracts().stream() : Stream.empty());
        var matches = all.filter(c -> (f.contractIds().isEmpty() || f.contractIds().contains(c.id()))
                        && (f.twinId() == null || f.twinId() == c.twinId())
                        && (f.nodeId() == null || c instanceof dev.zos.core.registry.model.NodeContract nc
                        && nc.nodeId() == f.nodeId())
                        && (f.states().isEmpty() || f.states().contains(c.state())))
                .sorted(Comparator.comparingLong(Contract::id));
        return page(matches, f.paging());
    }

    Stats stats(long logEntries) {
        Instant now = options.clock().instant();
        long up = 0;
        long standby = 0;
        long down = 0;
        Resources total = Resources.NONE;
        var countries = new HashSet<String>();
        for (Node n : state.allNodes()) {
            switch (NodeStatus.of(n, now, options.reportInterval())) {
                case UP -> up++;
                case STANDBY -> standby++;
                case DOWN -> down++;
            }
            if (NodeStatus.of(n, now, options.reportInterval()) != NodeStatus.DOWN) {
                total = total.plus(n.resources());
            }
            countries.add(n.location().country().toLowerCase());
        }
        long ips = 0;
        long usedIps = 0;
        for (Farm farm : state.allFarms()) {
            ips += farm.publicIps().size();
            usedIps += farm.publicIps().size() - farm.freeIps();
        }
        long activeNode = state.allNodeContracts().stream().filter(c -> c.state().active()).count();
        long activeName = state.allNameContracts().stream().filter(c -> c.state().active()).count();
        return new Stats(state.allTwins().size(), state.allFarms().size(), up + standby + down, up, standby, down,
                countries.size(), total, ips, usedIps, activeNode, activeName, logEntries);
    }

    private static <T> Page<T> page(Stream<T> matches, Paging paging) {
        List<T> all = matches.toList();
        List<T> items = all.stream().skip(paging.offset()).limit(paging.size()).toList();
        return new Page<>(items, all.size(), paging.page(), paging.size());
    }
}
