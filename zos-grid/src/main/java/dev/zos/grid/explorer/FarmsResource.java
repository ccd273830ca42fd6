package dev.zos.grid.explorer;

import dev.zos.core.ZosException;
import dev.zos.grid.registry.FarmFilter;
import dev.zos.grid.registry.Registry;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code /farms} (ordered by farm id) and {@code /farms/{id}}. */
final class FarmsResource extends CollectionResource {
    static final Set<String> LIST_PARAMS = Stream.concat(Query.PAGING.stream(), Stream.of("farm_id", "farm_ids",
            "twin_id", "name", "name_contains", "free_ips", "pricing_policy_id"))
            .collect(Collectors.toUnmodifiableSet());

    private final Registry registry;

    FarmsResource(Registry registry) {
        super("farm", LIST_PARAMS, Set.of());
        this.registry = registry;
    }

    @Override
    Reply one(long id) {
        return Reply.ok(FarmJson.of(registry.farm(id)
                .orElseThrow(() -> ZosException.notFound("farm " + id + " does not exist"))));
    }

    @Override
    Reply list(Query q) {
        var ids = new HashSet<>(q.ids("farm_id"));
        ids.addAll(q.ids("farm_ids"));
        var paging = q.paging();
        var page = registry.farms(new FarmFilter(ids, q.id("twin_id"), q.string("name"), q.string("name_contains"),
                q.count("free_ips"), q.id("pricing_policy_id"), paging));
        return Reply.page(page.items().stream().map(FarmJson::of).toList(), page.count(), q.retCount());
    }
}
