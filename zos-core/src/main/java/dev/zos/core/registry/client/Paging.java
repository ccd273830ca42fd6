package dev.zos.core.registry.client;

import dev.zos.core.ZosException;

/**
 * Which page of a list: pages count from 1, at most {@value #MAX_SIZE} items a page (grid-proxy's defaults are
 * page 1, size 50). The explorer serves pages of this shape and the grid client asks for them.
 */
public record Paging(int page, int size) {
    public static final int MAX_SIZE = 1000;
    public static final Paging DEFAULT = new Paging(1, 50);

    public Paging {
        if (page < 1) {
            throw ZosException.invalid("page must be 1 or more, got " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ZosException.invalid("page size must be 1 to " + MAX_SIZE + ", got " + size);
        }
    }

    /** How many items come before this page. */
    public long offset() {
        return (long) (page - 1) * size;
    }
}
