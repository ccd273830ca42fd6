package dev.zos.flist.store.zdb;

import dev.zos.core.ZosException;
import dev.zos.flist.store.BlockStore;
import dev.zos.flist.store.StoreFactory;
import dev.zos.flist.store.StoreUrls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code zdb://[user[:password]@]host[:port][/namespace]}: blocks in a 0-db namespace (user-key mode), the key
 * being the raw 32-byte id. Each pooled connection {@code SELECT}s the namespace (with the URL's password) when
 * it is opened, as rfs does. {@code SET} of a block the namespace already holds is a no-op (0-db answers nil).
 */
public final class ZdbStore implements BlockStore {

    public static final String SCHEME = "zdb";

    public static final StoreFactory FACTORY = new StoreFactory() {
        @Override
        public Set<String> schemes() {
            return Set.of(SCHEME);
        }

        @Override
        public BlockStore open(String url) {
            return new ZdbStore(url);
        }
    };

    private static final HexFormat HEX = HexFormat.of();
    private static final int MAX_IDLE = 16;

    private final String fullUrl;
    private final String url;
    private final ZdbUrl target;
    private final int timeoutMillis;
    private final ConcurrentLinkedDeque<RespConnection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private volatile boolean closed;

    public ZdbStore(String url) {
        this(url, Duration.ofSeconds(30));
    }

    public ZdbStore(String url, Duration timeout) {
        this.fullUrl = url;
        this.url = StoreUrls.stripPassword(url);
        this.target = ZdbUrl.parse(url);
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    @FunctionalInterface
    private interface Call<T> {
        T on(RespConnection c) throws IOException;
    }

    /** Runs {@code call} on a pooled connection; a stale pooled connection is replaced once. */
    private <T> T with(Call<T> call) {
        if (closed) {
            throw new IllegalStateException("store " + url + " is closed");
        }
        for (int attempt = 0; ; attempt++) {
            RespConnection c = idle.pollFirst();
            boolean pooled = c != null;
            if (pooled) {
                idleCount.decrementAndGet();
            } else {
                c = open();
            }
            try {
                T result = call.on(c);
                release(c);
                return result;
            } catch (IOException e) {
                c.close();
                if (!pooled || attempt > 0) {
                    throw ZosException.unavailable("store " + url + " is unavailable: " + e, e);
                }
            } catch (RuntimeException e) {
                release(c);
                throw e;
            }
        }
    }

    private RespConnection open() {
        RespConnection c;
        try {
            c = RespConnection.connect(target, timeoutMillis);
        } catch (IOException e) {
            throw ZosException.unavailable("store " + url + " is unavailable: " + e, e);
        }
        if (!target.selects()) {
            return c;
        }
        Object r;
        try {
            byte[] ns = target.namespace().getBytes(StandardCharsets.UTF_8);
            r = target.password() == null ? c.call("SELECT", ns)
                    : c.call("SELECT", ns, target.password().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            c.close();
            throw ZosException.unavailable("store " + url + " is unavailable: " + e, e);
        }
        if (r instanceof RespConnection.ErrorReply err) {
            c.close();
            String m = err.message();
            if (m.equals("Namespace not found")) {
                throw ZosException.invalid("store " + url + " has no namespace '" + target.namespace() + "'");
            }
            throw ZosException.forbidden("store " + url + " refused namespace '" + target.namespace() + "': " + m
                    + (target.password() == null ? " (the URL has no password: zdb://:PASSWORD@host/namespace)"
                    : " (check the password in the store URL)"));
        }
        return c;
    }

    private void release(RespConnection c) {
        if (closed || idleCount.incrementAndGet() > MAX_IDLE) {
            idleCount.decrementAndGet();
            c.close();
            return;
        }
        idle.addFirst(c);
    }

    @Override
    public byte[] get(byte[] id) {
        Object r = with(c -> c.call("GET", id));
        if (r == null) {
            throw ZosException.notFound("block " + HEX.formatHex(id) + " not found in store " + url);
        }
        if (r instanceof byte[] b) {
            return b;
        }
        throw failed("GET", id, r);
    }

    @Override
    public void set(byte[] id, byte[] data, int off, int len) {
        byte[] value = off == 0 && len == data.length ? data : java.util.Arrays.copyOfRange(data, off, off + len);
        Object r = with(c -> c.call("SET", id, value));
        // the key back means stored; nil means the namespace already held these bytes
        if (r == null || r instanceof byte[]) {
            return;
        }
        throw failed("SET", id, r);
    }

    @Override
    public boolean exists(byte[] id) {
        Object r = with(c -> c.call("EXISTS", id));
        if (r instanceof Long n) {
            return n != 0;
        }
        throw failed("EXISTS", id, r);
    }

    private ZosException failed(String command, byte[] id, Object reply) {
        String what = reply instanceof RespConnection.ErrorReply e ? e.message() : "unexpected reply " + reply;
        String block = " block " + HEX.formatHex(id);
        if (what.equals("Namespace is in read-only mode")) {
            return ZosException.forbidden("store " + url + " is read-only for us (" + what
                    + "): give the namespace password in the URL, zdb://:PASSWORD@host/namespace");
        }
        if (what.equals("No space left on this namespace")) {
            return ZosException.unavailable("store " + url + " is full: " + what + " (" + command + block + ")", null);
        }
        return ZosException.unavailable("store " + url + " failed " + command + block + ": " + what, null);
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public String fullUrl() {
        return fullUrl;
    }

    @Override
    public void close() {
        closed = true;
        RespConnection c;
        while ((c = idle.pollFirst()) != null) {
            c.close();
        }
    }
}
