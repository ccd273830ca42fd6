package dev.zos.grid.registry;

import java.util.List;

/** One page of a query: the items, and {@code count}, the number of matches over all pages (grid-proxy's Count header). */
public record Page<T>(List<T> items, long count, int page, int size) {
    public Page {
        items = List.copyOf(items);
    }
}
