package dev.zos.grid.relay;

import dev.zos.core.rmb.RmbAddress;

/**
 * Moves envelopes to sessions: straight to a connected one, or into its queue until it connects
 * or the envelope expires. {@link LocalSwitch} serves one relay process; {@link RedisSwitch} lets
 * several relay processes share queues through Redis.
 */
public interface Switch extends AutoCloseable {

    /** What happened to an envelope handed to {@link #send}. */
    enum Delivery {
        DELIVERED, QUEUED, DROPPED_QUEUE_FULL
    }

    /** Registers the connected session; a previous connection of the same session is evicted. */
    void register(RmbAddress session, Outlet outlet);

    /** Forgets the session if {@code outlet} is still the one registered for it. */
    void unregister(RmbAddress session, Outlet outlet);

    /** Sends {@code envelope}, kept until {@code deadlineSeconds} (unix) when it cannot be delivered now. */
    Delivery send(RmbAddress destination, byte[] envelope, long deadlineSeconds);

    /** Called by an outlet that caught up, so envelopes that waited for it move on. */
    void drain(RmbAddress session);

    /** True when a connection of the session is registered here or, with a shared switch, anywhere. */
    boolean isOnline(RmbAddress session);

    /** Connected sessions on this relay. */
    int sessions();

    /** Envelopes waiting in queues held by this relay. */
    long queued();

    @Override
    void close();
}
