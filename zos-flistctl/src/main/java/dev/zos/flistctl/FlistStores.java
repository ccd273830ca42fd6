package dev.zos.flistctl;

import dev.zos.core.ZosException;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flist.store.BlockStore;
import dev.zos.flist.store.StoreUrls;
import dev.zos.flist.store.Stores;

import java.util.List;

/** The stores this tool can open (one registry keyed by URL scheme) and how commands pick them. */
public final class FlistStores {

    private FlistStores() {
    }

    /** Every store scheme the tool knows. */
    public static Stores registry() {
        return Stores.defaults();
    }

    /** The stores given with {@code -s}, or else those the flist's routes name. */
    public static BlockStore forReading(FlistReader flist, List<String> override) {
        if (override != null && !override.isEmpty()) {
            return registry().openRouted(override);
        }
        if (flist.routes().isEmpty()) {
            throw ZosException.invalid("flist " + flist.path() + " has no routes: name its store with -s STORE");
        }
        return registry().openRoutes(flist.routes());
    }

    /** Checks {@code [xx-xx=]url} without opening the store: its range and that its scheme is known. */
    public static Stores.RouteSpec checkRoute(String spec) {
        Stores.RouteSpec r = Stores.parseRoute(spec);
        String scheme = StoreUrls.scheme(r.url());
        List<String> known = registry().schemes();
        if (!known.contains(scheme)) {
            throw ZosException.invalid("bad store '" + StoreUrls.stripPassword(spec)
                    + "': supported schemes are " + String.join(", ", known.stream().map(s -> s + "://").toList()));
        }
        return r;
    }
}
