package dev.zos.flist.store;

import dev.zos.flist.meta.Route;

import java.util.List;

/**
 * Where encrypted blocks live, addressed by their 32-byte id. Implementations are thread-safe.
 * Errors are {@link dev.zos.core.ZosException}s: NOT_FOUND for a missing block, UNAVAILABLE for a store that
 * cannot be reached (the message names the store by {@link #url()}, never with its password),
 * FORBIDDEN for writes to a read-only store.
 */
public interface BlockStore extends AutoCloseable {

    /** The stored bytes of block {@code id}. */
    byte[] get(byte[] id);

    /** Stores {@code data[off, off+len)} under {@code id}; storing an id twice is harmless. */
    void set(byte[] id, byte[] data, int off, int len);

    default void set(byte[] id, byte[] data) {
        set(id, data, 0, data.length);
    }

    /** Whether the store holds block {@code id} (for a router: every store that would receive it). */
    boolean exists(byte[] id);

    /** The store URL with any password removed: safe to print and log. */
    String url();

    /** The store URL as configured, password included. */
    default String fullUrl() {
        return url();
    }

    /** The routes to record in an flist packed into this store. */
    default List<Route> routes(boolean keepPasswords) {
        return List.of(Route.all(keepPasswords ? fullUrl() : url()));
    }

    @Override
    default void close() {
    }
}
