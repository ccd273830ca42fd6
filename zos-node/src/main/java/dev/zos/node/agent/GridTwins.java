package dev.zos.node.agent;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.sign.TwinKeys;
import dev.zos.core.registry.client.GridClient;
import dev.zos.core.registry.client.GridTwin;
import dev.zos.core.rmb.peer.TwinDirectory;
import dev.zos.core.rmb.peer.TwinInfo;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Other twins' keys as the registry holds them, for the relay session (envelope signatures, encryption) and for
 * deployment signatures. Keys never change once registered, so found twins are kept a while; unknown ones briefly.
 */
final class GridTwins implements TwinDirectory, TwinKeys {
    private static final long FOUND_TTL = Duration.ofMinutes(10).toNanos();
    private static final long MISSING_TTL = Duration.ofSeconds(5).toNanos();

    private record Entry(Optional<TwinInfo> twin, long expires) {
    }

    private final GridClient grid;
    private final Map<Long, Entry> cache = new ConcurrentHashMap<>();

    GridTwins(GridClient grid) {
        this.grid = grid;
    }

    @Override
    public Optional<TwinInfo> lookup(long twin) {
        long now = System.nanoTime();
        Entry e = cache.get(twin);
        if (e != null && now - e.expires() < 0) {
            return e.twin();
        }
        Optional<TwinInfo> found;
        try {
            found = Optional.of(info(grid.twin(twin)));
        } catch (ZosException ex) {
            if (ex.kind() != ZosException.Kind.NOT_FOUND) {
                throw ex; // registry unreachable: no answer, not "unknown"
            }
            found = Optional.empty();
        }
        if (cache.size() > 100_000) {
            cache.clear();
        }
        cache.put(twin, new Entry(found, now + (found.isPresent() ? FOUND_TTL : MISSING_TTL)));
        return found;
    }

    @Override
    public Optional<byte[]> publicKey(long twinId) {
        return lookup(twinId).map(TwinInfo::publicKey);
    }

    private static TwinInfo info(GridTwin t) {
        HexFormat hex = HexFormat.of();
        byte[] pk = t.pk() != null && t.pk().length() == 66 ? hex.parseHex(t.pk()) : null;
        return new TwinInfo(t.twinId(), hex.parseHex(t.publicKey()), pk);
    }
}
