package dev.zos.grid.relay;

import dev.zos.core.rmb.RmbAddress;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Envelopes waiting for sessions that are offline or behind, bounded per session and in total,
 * each kept only until its own deadline.
 */
final class Mailboxes {
    private record Held(byte[] envelope, long deadline) {
    }

    private final Map<RmbAddress, ArrayDeque<Held>> boxes = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong count = new AtomicLong();
    private final int perSession;
    private final long maxBytes;
    private final Clock clock;

    Mailboxes(int perSession, long maxBytes, Clock clock) {
        this.perSession = perSession;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /** False when the session's box or the total is full. */
    boolean put(RmbAddress session, byte[] envelope, long deadline) {
        if (bytes.get() + envelope.length > maxBytes) {
            sweep();
            if (bytes.get() + envelope.length > maxBytes) {
                return false;
            }
        }
        ArrayDeque<Held> box = boxes.computeIfAbsent(session, s -> new ArrayDeque<>());
        synchronized (box) {
            dropExpired(box);
            if (box.size() >= perSession) {
                return false;
            }
            box.addLast(new Held(envelope, deadline));
        }
        bytes.addAndGet(envelope.length);
        count.incrementAndGet();
        return true;
    }

    boolean isEmpty(RmbAddress session) {
        ArrayDeque<Held> box = boxes.get(session);
        if (box == null) {
            return true;
        }
        synchronized (box) {
            return box.isEmpty();
        }
    }

    /** Hands waiting envelopes to the outlet in order, until it refuses one; returns how many went. */
    int drainTo(RmbAddress session, Outlet outlet) {
        ArrayDeque<Held> box = boxes.get(session);
        if (box == null) {
            return 0;
        }
        int sent = 0;
        synchronized (box) {
            dropExpired(box);
            while (!box.isEmpty()) {
                Held next = box.peekFirst();
                if (!outlet.offer(next.envelope())) {
                    break;
                }
                box.pollFirst();
                release(next);
                sent++;
            }
            if (box.isEmpty()) {
                boxes.remove(session, box);
            }
        }
        return sent;
    }

    long count() {
        return count.get();
    }

    /** Drops expired envelopes everywhere; run periodically. */
    void sweep() {
        for (var entry : boxes.entrySet()) {
            ArrayDeque<Held> box = entry.getValue();
            synchronized (box) {
                dropExpired(box);
                if (box.isEmpty()) {
                    boxes.remove(entry.getKey(), box);
                }
            }
        }
    }

    private void dropExpired(ArrayDeque<Held> box) {
        long now = clock.instant().getEpochSecond();
        for (Iterator<Held> it = box.iterator(); it.hasNext(); ) {
            Held h = it.next();
            if (h.deadline() < now) {
                it.remove();
                release(h);
            }
        }
    }

    private void release(Held h) {
        bytes.addAndGet(-h.envelope().length);
        count.decrementAndGet();
    }
}
