package dev.zos.flist.store;

import dev.zos.core.ZosException;
import dev.zos.flist.meta.Route;
import dev.zos.flist.store.dir.DirStore;
import dev.zos.flist.store.http.HttpStore;
import dev.zos.flist.store.s3.S3StoreFactory;
import dev.zos.flist.store.zdb.ZdbStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry of store implementations keyed by URL scheme. Immutable; {@link #with} returns a copy.
 */
public final class Stores {

    private static final Pattern ROUTED = Pattern.compile("^([0-9a-f]{2})-([0-9a-f]{2})=(.+)$");

    private final Map<String, StoreFactory> byScheme;

    private Stores(Map<String, StoreFactory> byScheme) {
        this.byScheme = byScheme;
    }

    /** The built-in stores: {@code dir://}, {@code http(s)://}, {@code s3://}, {@code s3s://}, {@code zdb://}. */
    public static Stores defaults() {
        return new Stores(new TreeMap<>()).with(DirStore.FACTORY).with(HttpStore.FACTORY).with(S3StoreFactory.INSTANCE)
                .with(ZdbStore.FACTORY);
    }

    /** A copy of this registry with {@code factory} added (replacing earlier factories of its schemes). */
    public Stores with(StoreFactory factory) {
        Map<String, StoreFactory> m = new TreeMap<>(byScheme);
        for (String s : factory.schemes()) {
            m.put(s, factory);
        }
        return new Stores(m);
    }

    public List<String> schemes() {
        return List.copyOf(byScheme.keySet());
    }

    /** Opens one store by URL; unknown schemes fail listing the known ones. */
    public BlockStore open(String url) {
        String scheme = StoreUrls.scheme(url);
        StoreFactory f = byScheme.get(scheme);
        if (f == null) {
            throw ZosException.invalid("unknown store URL '" + StoreUrls.stripPassword(url)
                    + "': supported schemes are " + String.join(", ", byScheme.keySet().stream()
                    .map(s -> s + "://").toList()));
        }
        return f.open(url);
    }

    /** Parses {@code [xx-xx=]url} into its range and URL (the URL is not opened). */
    public static RouteSpec parseRoute(String spec) {
        Matcher m = ROUTED.matcher(spec);
        if (m.matches()) {
            int start = Integer.parseInt(m.group(1), 16);
            int end = Integer.parseInt(m.group(2), 16);
            if (start > end) {
                throw ZosException.invalid("bad store route '" + StoreUrls.stripPassword(spec)
                        + "': range start is after its end");
            }
            return new RouteSpec(start, end, m.group(3));
        }
        if (spec.matches("^[0-9A-Fa-f]{1,2}-[0-9A-Fa-f]{1,2}=.*")) {
            throw ZosException.invalid("bad store route '" + StoreUrls.stripPassword(spec)
                    + "': use two lowercase hex digits per bound, e.g. 00-7f=dir:///srv/blocks");
        }
        return new RouteSpec(0, 255, spec);
    }

    /** A parsed {@code [xx-xx=]url}. */
    public record RouteSpec(int start, int end, String url) {
        public Route route(boolean keepPassword) {
            return new Route(start, end, keepPassword ? url : StoreUrls.stripPassword(url));
        }
    }

    /**
     * Opens every {@code [xx-xx=]url} and combines them in a {@link RouterStore}; a single un-ranged URL is
     * returned as itself.
     */
    public BlockStore openRouted(List<String> specs) {
        if (specs.isEmpty()) {
            throw ZosException.invalid("no store given: pass at least one store URL");
        }
        List<RouteSpec> parsed = specs.stream().map(Stores::parseRoute).toList();
        if (parsed.size() == 1 && parsed.get(0).start() == 0 && parsed.get(0).end() == 255) {
            return open(parsed.get(0).url());
        }
        List<RouterStore.Entry> entries = new ArrayList<>();
        try {
            for (RouteSpec r : parsed) {
                entries.add(new RouterStore.Entry(r.start(), r.end(), open(r.url())));
            }
        } catch (RuntimeException e) {
            entries.forEach(en -> en.store().close());
            throw e;
        }
        return new RouterStore(entries);
    }

    /** Opens the stores named by an flist's routes. */
    public BlockStore openRoutes(List<Route> routes) {
        if (routes.isEmpty()) {
            throw ZosException.invalid("the flist has no routes: pass a store explicitly");
        }
        List<String> specs = routes.stream()
                .map(r -> String.format("%02x-%02x=%s", r.start(), r.end(), r.url())).toList();
        return openRouted(specs);
    }
}
