package dev.zos.core.registry.client;

import java.util.List;

/** One page of a list answer and the total over all pages. */
public record Page<T>(List<T> items, long total) {
    public Page {
        items = List.copyOf(items);
    }
}
