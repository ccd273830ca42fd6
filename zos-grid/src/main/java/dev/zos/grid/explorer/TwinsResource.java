package dev.zos.grid.explorer;

import dev.zos.core.ZosException;
import dev.zos.grid.registry.Registry;
import dev.zos.core.registry.model.Twin;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** {@code /twins} (ordered by twin id; filters {@code twin_id}, {@code public_key}) and {@code /twins/{id}}. */
final class TwinsResource extends CollectionResource {
    static final Set<String> LIST_PARAMS = Set.of("page", "size", "ret_count", "twin_id", "public_key");

    private final Registry registry;

    TwinsResource(Registry registry) {
        super("twin", LIST_PARAMS, Set.of());
        this.registry = registry;
    }

    @Override
    Reply one(long id) {
        return Reply.ok(TwinJson.of(registry.twin(id)
                .orElseThrow(() -> ZosException.notFound("twin " + id + " does not exist"))));
    }

    @Override
    Reply list(Query q) {
        Long id = q.id("twin_id");
        String key = q.string("public_key");
        var paging = q.paging();
        if (id == null && key == null) {
            var page = registry.twins(paging);
            return Reply.page(page.items().stream().map(TwinJson::of).toList(), page.count(), q.retCount());
        }
        if (key != null && !key.matches("^[0-9a-fA-F]{64}$")) {
            throw ZosException.invalid("parameter 'public_key' must be 32 bytes of hex, got '" + Query.clip(key) + "'");
        }
        // both filters select at most one twin
        Optional<Twin> match = id != null ? registry.twin(id) : registry.twinByPublicKey(key.toLowerCase(Locale.ROOT));
        if (key != null) {
            match = match.filter(t -> t.publicKey().equalsIgnoreCase(key));
        }
        List<TwinJson> all = match.map(TwinJson::of).stream().toList();
        List<TwinJson> items = paging.page() == 1 ? all : List.of();
        return Reply.page(items, all.size(), q.retCount());
    }
}
