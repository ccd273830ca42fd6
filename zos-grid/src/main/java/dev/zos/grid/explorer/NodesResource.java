package dev.zos.grid.explorer;

import dev.zos.core.ZosException;
import dev.zos.grid.registry.NodeFilter;
import dev.zos.grid.registry.NodeStatus;
import dev.zos.grid.registry.NodeView;
import dev.zos.grid.registry.Registry;
import dev.zos.core.registry.model.Farm;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code /nodes}, {@code /nodes/{id}} and {@code /nodes/{id}/status}. */
final class NodesResource extends CollectionResource {
    static final Set<String> LIST_PARAMS = Stream.concat(Query.PAGING.stream(), Stream.of("farm_ids", "status",
            "free_mru", "free_sru", "free_hru", "free_ips", "country", "twin_id", "sort_by", "sort_order"))
            .collect(Collectors.toUnmodifiableSet());
    private static final String STATUSES = "up, standby, down";

    private final Registry registry;

    NodesResource(Registry registry) {
        super("node", LIST_PARAMS, Set.of("status"));
        this.registry = registry;
    }

    @Override
    Reply one(long id) {
        NodeView view = node(id);
        return Reply.ok(NodeJson.of(view, registry.farm(view.node().farmId()).orElse(null)));
    }

    /** {@code /nodes/{id}/status}. */
    @Override
    Reply part(long id, String name) {
        return Reply.ok(Map.of("status", node(id).status().wire()));
    }

    private NodeView node(long id) {
        return registry.node(id).orElseThrow(() -> ZosException.notFound("node " + id + " does not exist"));
    }

    @Override
    Reply list(Query q) {
        var b = NodeFilter.builder()
                .farmIds(q.ids("farm_ids"))
                .status(q.words("status", NodesResource::status, STATUSES).toArray(NodeStatus[]::new));
        Optional.ofNullable(q.count("free_mru")).ifPresent(b::freeMru);
        Optional.ofNullable(q.count("free_sru")).ifPresent(b::freeSru);
        Optional.ofNullable(q.count("free_hru")).ifPresent(b::freeHru);
        Optional.ofNullable(q.count("free_ips")).ifPresent(b::freeIps);
        Optional.ofNullable(q.string("country")).ifPresent(b::country);
        Optional.ofNullable(q.id("twin_id")).ifPresent(b::twinId);
        String sortBy = q.string("sort_by");
        b.sortBy(sortBy == null ? NodeFilter.Sort.NODE_ID : NodeFilter.Sort.of(sortBy), q.descending());
        var paging = q.paging();
        b.page(paging.page(), paging.size());
        var page = registry.nodes(b.build());
        var farms = new HashMap<Long, Farm>();
        var items = page.items().stream()
                .map(v -> NodeJson.of(v, farms.computeIfAbsent(v.node().farmId(), id -> registry.farm(id).orElse(null))))
                .toList();
        return Reply.page(items, page.count(), q.retCount());
    }

    private static NodeStatus status(String word) {
        return switch (word) {
            case "up" -> NodeStatus.UP;
            case "standby" -> NodeStatus.STANDBY;
            case "down" -> NodeStatus.DOWN;
            default -> null;
        };
    }
}
