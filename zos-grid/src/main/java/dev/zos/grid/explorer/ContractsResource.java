package dev.zos.grid.explorer;

import dev.zos.core.ZosException;
import dev.zos.grid.registry.ContractFilter;
import dev.zos.grid.registry.Registry;
import dev.zos.core.registry.model.Contract;
import dev.zos.core.registry.model.NodeContract;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code /contracts} (ordered by contract id; filters {@code contract_id}, {@code twin_id}, {@code node_id},
 * {@code type}, {@code state}) and {@code /contracts/{id}}.
 */
final class ContractsResource extends CollectionResource {
    static final Set<String> LIST_PARAMS = Stream.concat(Query.PAGING.stream(),
            Stream.of("contract_id", "twin_id", "node_id", "type", "state")).collect(Collectors.toUnmodifiableSet());

    private final Registry registry;

    ContractsResource(Registry registry) {
        super("contract", LIST_PARAMS, Set.of());
        this.registry = registry;
    }

    @Override
    Reply one(long id) {
        Contract c = registry.contract(id).orElseThrow(() -> ZosException.notFound("contract " + id + " does not exist"));
        return Reply.ok(ContractJson.of(c, farmOf(c, new HashMap<>())));
    }

    @Override
    Reply list(Query q) {
        String type = q.string("type");
        if (type != null && !type.equals("node") && !type.equals("name")) {
            throw ZosException.invalid("parameter 'type' must be node or name, got '" + Query.clip(type) + "'");
        }
        var states = q.words("state", ContractJson::parseState, "created, grace (or gracePeriod), deleted");
        var page = registry.contracts(new ContractFilter(q.ids("contract_id"), q.id("twin_id"), q.id("node_id"),
                type, states, q.paging()));
        var farms = new HashMap<Long, ContractJson.FarmRef>();
        var items = page.items().stream().map(c -> ContractJson.of(c, farmOf(c, farms))).toList();
        return Reply.page(items, page.count(), q.retCount());
    }

    /** The farm of a node contract's node (cached per node for one answer); NONE for name contracts. */
    private ContractJson.FarmRef farmOf(Contract c, Map<Long, ContractJson.FarmRef> cache) {
        if (!(c instanceof NodeContract nc)) {
            return ContractJson.FarmRef.NONE;
        }
        return cache.computeIfAbsent(nc.nodeId(), node -> registry.node(node)
                .flatMap(v -> registry.farm(v.node().farmId()))
                .map(f -> new ContractJson.FarmRef(f.id(), f.name()))
                .orElse(ContractJson.FarmRef.NONE));
    }
}
