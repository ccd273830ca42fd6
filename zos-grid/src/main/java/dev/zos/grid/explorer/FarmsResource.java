package dev.zos.grid.explorer;

import dev.zos.core.ZosException;
import dev.zos.grid.registry.FarmFilter;
import dev.zos.grid.registry.Registry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Request;

/** {@code /farms} (ordered by farm id) and {@code /farms/{id}}. */
final class FarmsResource implements GetResource.Action {
    static final Set<String> LIST_PARAMS = Stream.concat(Query.PAGING.stream(), Stream.of("farm_id", "farm_ids",
            "twin_id", "name", "name_contains", "free_ips", "pricing_policy_id"))
            .collect(Collectors.toUnmodifiableSet());

    private final Registry registry;

    FarmsResource(Registry registry) {
        this.registry = registry;
    }

    @Override
    public Reply answer(Request request, List<String> segments) {
        if (segments.isEmpty()) {
            return list(Query.of(request, LIST_PARAMS));
        }
        Query.of(request, Set.of());
        if (segments.size() > 1) {
            throw Errors.noSuchPath(GetResource.path(request));
        }
        long id = GetResource.pathId(segments.getFirst(), "farm id");
        return Reply.ok(FarmJson.of(registry.farm(id)
                .orElseThrow(() -> ZosException.notFound("farm " + id + " does not exist"))));
    }

    private Reply list(Query q) {
        var ids = new HashSet<>(q.ids("farm_id"));
        ids.addAll(q.ids("farm_ids"));
        var paging = q.paging();
        var page = registry.farms(new FarmFilter(ids, q.id("twin_id"), q.string("name"), q.string("name_contains"),
                q.count("free_ips"), q.id("pricing_policy_id"), paging));
        return Reply.page(page.items().stream().map(FarmJson::of).toList(), page.count(), q.retCount());
    }
}
