package dev.zos.grid.relay;

import dev.zos.core.ZosException;
import dev.zos.core.rmb.RmbAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * A switch shared by several relay processes through Redis, as ThreeFold's relay does: every session has a
 * Redis stream; a relay appends envelopes to the destination's stream, and the relay holding that session
 * reads its stream, writes the envelopes to the websocket and deletes them. Envelopes for a session
 * connected to this very relay skip Redis once its backlog is drained.
 */
public final class RedisSwitch implements Switch {
    private static final Logger LOG = LoggerFactory.getLogger(RedisSwitch.class);
    private static final String PREFIX = "zos:relay:";
    private static final int READERS = 2;
    private static final int PRESENCE_SECONDS = 60;
    /** Streams of absent sessions disappear after an hour without traffic, as in ThreeFold's relay. */
    private static final long STREAM_EXPIRE_SECONDS = 3600;

    private final class Local {
        final Outlet outlet;
        final int reader;
        volatile boolean live;
        StreamEntryID last = new StreamEntryID(0, 0);

        Local(Outlet outlet, int reader) {
            this.outlet = outlet;
            this.reader = reader;
        }
    }

    private final RedisClient redis;
    private final RelayOptions options;
    private final Clock clock;
    private final Map<RmbAddress, Local> local = new ConcurrentHashMap<>();
    private final List<Thread> readers = new ArrayList<>();
    private final ScheduledExecutorService presence;
    private volatile boolean closed;

    public RedisSwitch(String redisUrl, RelayOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
        try {
            this.redis = RedisClient.create(URI.create(redisUrl));
            redis.ping();
        } catch (RuntimeException e) {
            throw ZosException.unavailable("cannot reach Redis at " + redisUrl + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < READERS; i++) {
            int id = i;
            readers.add(Thread.ofPlatform().daemon().name("relay-redis-reader-" + i).start(() -> readLoop(id)));
        }
        presence = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("relay-presence").unstarted(r));
        presence.scheduleWithFixedDelay(this::refreshPresence, PRESENCE_SECONDS / 3, PRESENCE_SECONDS / 3, TimeUnit.SECONDS);
    }

    static String streamKey(RmbAddress session) {
        return PREFIX + "q:" + session;
    }

    static String presenceKey(RmbAddress session) {
        return PREFIX + "online:" + session;
    }

    @Override
    public void register(RmbAddress session, Outlet outlet) {
        Local previous = local.put(session, new Local(outlet, Math.floorMod(session.hashCode(), READERS)));
        if (previous != null && previous.outlet != outlet) {
            previous.outlet.evict();
        }
        redis.setex(presenceKey(session), PRESENCE_SECONDS, "1");
    }

    @Override
    public void unregister(RmbAddress session, Outlet outlet) {
        Local l = local.get(session);
        if (l != null && l.outlet == outlet && local.remove(session, l)) {
            redis.del(presenceKey(session));
        }
    }

    @Override
    public Delivery send(RmbAddress destination, byte[] envelope, long deadlineSeconds) {
        Local l = local.get(destination);
        if (l != null && l.live && l.outlet.offer(envelope)) {
            return Delivery.DELIVERED;
        }
        var fields = new HashMap<String, String>(4);
        fields.put("e", Base64.getEncoder().encodeToString(envelope));
        fields.put("d", Long.toString(deadlineSeconds));
        String key = streamKey(destination);
        redis.xadd(key, XAddParams.xAddParams().maxLen(options.maxQueuedPerSession()).approximateTrimming(), fields);
        redis.expire(key, STREAM_EXPIRE_SECONDS);
        if (l != null) {
            l.live = false;
        }
        return Delivery.QUEUED;
    }

    @Override
    public void drain(RmbAddress session) {
        // readers poll the streams of every local session; nothing to push here
    }

    @Override
    public boolean isOnline(RmbAddress session) {
        return local.containsKey(session) || redis.exists(presenceKey(session));
    }

    @Override
    public int sessions() {
        return local.size();
    }

    @Override
    public long queued() {
        return 0;
    }

    private void readLoop(int reader) {
        while (!closed) {
            Map<String, StreamEntryID> streams = new HashMap<>();
            Map<String, RmbAddress> sessions = new HashMap<>();
            for (var e : local.entrySet()) {
                if (e.getValue().reader == reader) {
                    String key = streamKey(e.getKey());
                    streams.put(key, e.getValue().last);
                    sessions.put(key, e.getKey());
                }
            }
            try {
                if (streams.isEmpty()) {
                    Thread.sleep(50);
                    continue;
                }
                var result = redis.xread(XReadParams.xReadParams().count(256).block(250), streams);
                if (result == null || result.isEmpty()) {
                    markLive(sessions);
                    continue;
                }
                for (var stream : result) {
                    deliver(sessions.get(stream.getKey()), stream.getKey(), stream.getValue());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.warn("reading relay queues from Redis failed: {}", e.getMessage());
                    sleepQuietly(1000);
                }
            }
        }
    }

    private void deliver(RmbAddress session, String key, List<StreamEntry> entries) {
        Local l = session == null ? null : local.get(session);
        if (l == null) {
            return;
        }
        long now = clock.instant().getEpochSecond();
        List<StreamEntryID> done = new ArrayList<>();
        for (StreamEntry entry : entries) {
            Map<String, String> f = entry.getFields();
            long deadline = Long.parseLong(f.getOrDefault("d", "0"));
            if (deadline >= now && !l.outlet.offer(Base64.getDecoder().decode(f.get("e")))) {
                break; // the websocket is behind: read again from here on the next round
            }
            done.add(entry.getID());
            l.last = entry.getID();
        }
        if (!done.isEmpty()) {
            redis.xdel(key, done.toArray(StreamEntryID[]::new));
        }
    }

    /** Sessions whose stream came back empty have no backlog: later envelopes for them may skip Redis. */
    private void markLive(Map<String, RmbAddress> sessions) {
        for (RmbAddress s : sessions.values()) {
            Local l = local.get(s);
            if (l != null) {
                l.live = true;
            }
        }
    }

    private void refreshPresence() {
        try {
            for (RmbAddress s : local.keySet()) {
                redis.setex(presenceKey(s), PRESENCE_SECONDS, "1");
            }
        } catch (RuntimeException e) {
            LOG.warn("refreshing relay presence in Redis failed: {}", e.getMessage());
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        presence.shutdownNow();
        for (Thread t : readers) {
            t.interrupt();
        }
        for (RmbAddress s : local.keySet()) {
            try {
                redis.del(presenceKey(s));
            } catch (RuntimeException e) {
                break;
            }
        }
        redis.close();
    }
}
