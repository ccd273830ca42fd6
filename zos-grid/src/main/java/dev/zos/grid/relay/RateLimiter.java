package dev.zos.grid.relay;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per twin: {@code rate} envelopes a second sustained, {@code burst} at once. */
final class RateLimiter {
    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }

    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();
    private final double ratePerNano;
    private final int burst;

    RateLimiter(double perSecond, int burst) {
        this.ratePerNano = perSecond / 1e9;
        this.burst = burst;
    }

    boolean tryAcquire(long twin) {
        long now = System.nanoTime();
        Bucket b = buckets.computeIfAbsent(twin, t -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.last) * ratePerNano);
            b.last = now;
            if (b.tokens < 1) {
                return false;
            }
            b.tokens -= 1;
            return true;
        }
    }

    /** Forgets a twin that has no session left, so the map does not grow with every twin ever seen. */
    void forget(long twin) {
        buckets.remove(twin);
    }
}
