package dev.zos.grid.relay;

import dev.zos.core.rmb.RmbAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The switch of a relay that runs alone: sessions and queues in this process's memory. */
public final class LocalSwitch implements Switch {
    private final Map<RmbAddress, Outlet> online = new ConcurrentHashMap<>();
    private final Mailboxes mailboxes;
    private final ScheduledExecutorService sweeper;

    public LocalSwitch(RelayOptions options, Clock clock) {
        this.mailboxes = new Mailboxes(options.maxQueuedPerSession(), options.maxQueuedBytes(), clock);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("relay-sweeper").unstarted(r));
        sweeper.scheduleWithFixedDelay(mailboxes::sweep, 10, 10, TimeUnit.SECONDS);
    }

    @Override
    public void register(RmbAddress session, Outlet outlet) {
        Outlet previous = online.put(session, outlet);
        if (previous != null && previous != outlet) {
            previous.evict();
        }
        mailboxes.drainTo(session, outlet);
    }

    @Override
    public void unregister(RmbAddress session, Outlet outlet) {
        online.remove(session, outlet);
    }

    @Override
    public Delivery send(RmbAddress destination, byte[] envelope, long deadlineSeconds) {
        Outlet outlet = online.get(destination);
        if (outlet != null && mailboxes.isEmpty(destination) && outlet.offer(envelope)) {
            return Delivery.DELIVERED;
        }
        if (!mailboxes.put(destination, envelope, deadlineSeconds)) {
            return Delivery.DROPPED_QUEUE_FULL;
        }
        // the session may have connected or caught up while we queued
        Outlet now = online.get(destination);
        if (now != null) {
            mailboxes.drainTo(destination, now);
        }
        return Delivery.QUEUED;
    }

    @Override
    public void drain(RmbAddress session) {
        Outlet outlet = online.get(session);
        if (outlet != null) {
            mailboxes.drainTo(session, outlet);
        }
    }

    @Override
    public boolean isOnline(RmbAddress session) {
        return online.containsKey(session);
    }

    @Override
    public int sessions() {
        return online.size();
    }

    @Override
    public long queued() {
        return mailboxes.count();
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
