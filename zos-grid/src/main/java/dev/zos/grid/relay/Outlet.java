package dev.zos.grid.relay;

/** Where a switch hands the envelopes for one connected session: the websocket of that session. */
public interface Outlet {
    /**
     * Queues {@code envelope} for writing; false when the session is closed or too far behind,
     * in which case the switch keeps the envelope for later.
     */
    boolean offer(byte[] envelope);

    /** Called when a newer connection of the same session replaced this one. */
    void evict();
}
