package dev.zos.grid.relay;

import dev.zos.core.rmb.peer.TwinDirectory;
import dev.zos.core.rmb.peer.TwinInfo;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps twin look-ups for a while so routing does not query the registry per envelope.
 * Unknown twins are remembered briefly too, so a flood to a bad id costs one query a few seconds.
 */
final class CachedTwinDirectory implements TwinDirectory {
    private record Entry(Optional<TwinInfo> twin, long expiresNanos) {
    }

    private final TwinDirectory source;
    private final long ttlNanos;
    private final long negativeTtlNanos;
    private final Map<Long, Entry> cache = new ConcurrentHashMap<>();

    CachedTwinDirectory(TwinDirectory source, Duration ttl, Duration negativeTtl) {
        this.source = source;
        this.ttlNanos = ttl.toNanos();
        this.negativeTtlNanos = negativeTtl.toNanos();
    }

    @Override
    public Optional<TwinInfo> lookup(long twin) {
        long now = System.nanoTime();
        Entry e = cache.get(twin);
        if (e != null && now - e.expiresNanos() < 0) {
            return e.twin();
        }
        Optional<TwinInfo> found = source.lookup(twin);
        if (cache.size() > 1_000_000) {
            cache.clear();
        }
        cache.put(twin, new Entry(found, now + (found.isPresent() ? ttlNanos : negativeTtlNanos)));
        return found;
    }
}
