package dev.zos.core.rmb;

import java.time.Clock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers (source twin, uid) pairs until their envelope expires, so the same envelope cannot be
 * delivered twice. Memory is bounded: at most {@code maxPerSource} live uids per source and
 * {@code maxSources} sources; when a bound is hit after dropping expired entries the guard refuses
 * new envelopes (fail closed) rather than forgetting live ones, which would reopen the replay window.
 */
public final class ReplayGuard {
    private final Clock clock;
    private final int maxPerSource;
    private final int maxSources;
    // per source: uid -> deadline (unix s), in insertion order so expired entries are found at the front
    private final Map<Long, LinkedHashMap<String, Long>> seen = new HashMap<>();

    public ReplayGuard(Clock clock, int maxPerSource, int maxSources) {
        if (maxPerSource < 1 || maxSources < 1) {
            throw new IllegalArgumentException("replay guard bounds must be positive");
        }
        this.clock = clock;
        this.maxPerSource = maxPerSource;
        this.maxSources = maxSources;
    }

    public ReplayGuard(Clock clock) {
        this(clock, 10_000, 10_000);
    }

    /**
     * Records the envelope as seen.
     *
     * @param deadline unix second at which the envelope expires; it is forgotten after that
     * @throws RmbException VALIDATION_FAILED when it was seen already or the bounds are full
     */
    public synchronized void admit(long sourceTwin, String uid, long deadline) {
        long now = clock.instant().getEpochSecond();
        var uids = seen.get(sourceTwin);
        if (uids == null) {
            if (seen.size() >= maxSources) {
                purgeAll(now);
            }
            if (seen.size() >= maxSources) {
                throw new RmbException(ErrorCode.VALIDATION_FAILED, "too many senders with live envelopes ("
                        + maxSources + "); envelope " + uid + " from twin " + sourceTwin + " refused");
            }
            uids = new LinkedHashMap<>();
            seen.put(sourceTwin, uids);
        }
        Long known = uids.get(uid);
        if (known != null && known > now) {
            throw new RmbException(ErrorCode.VALIDATION_FAILED, "envelope " + uid + " from twin " + sourceTwin
                    + " was already received (replay)");
        }
        if (uids.size() >= maxPerSource) {
            purge(uids, now);
        }
        if (uids.size() >= maxPerSource) {
            throw new RmbException(ErrorCode.VALIDATION_FAILED, "twin " + sourceTwin + " has more than "
                    + maxPerSource + " live envelopes; envelope " + uid + " refused");
        }
        uids.remove(uid);
        uids.put(uid, deadline);
    }

    public synchronized int size() {
        return seen.values().stream().mapToInt(Map::size).sum();
    }

    private void purgeAll(long now) {
        seen.values().forEach(uids -> purge(uids, now));
        seen.values().removeIf(Map::isEmpty);
    }

    // deadlines are not sorted (senders pick their own TTL), so scan the whole map; this runs only when full
    private static void purge(LinkedHashMap<String, Long> uids, long now) {
        for (Iterator<Long> it = uids.values().iterator(); it.hasNext(); ) {
            if (it.next() <= now) {
                it.remove();
            }
        }
    }
}
