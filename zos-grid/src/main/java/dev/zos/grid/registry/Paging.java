package dev.zos.grid.registry;

import dev.zos.core.ZosException;

/** Page number (from 1) and size (1..{@value #MAX_SIZE}); grid-proxy's defaults are page 1, size 50. */
public record Paging(int page, int size) {
    public static final int MAX_SIZE = 1000;
    public static final Paging DEFAULT = new Paging(1, 50);

    public Paging {
        if (page < 1) {
            throw ZosException.invalid("page must be 1 or more, got " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ZosException.invalid("size must be 1.." + MAX_SIZE + ", got " + size);
        }
    }

    long offset() {
        return (long) (page - 1) * size;
    }
}
