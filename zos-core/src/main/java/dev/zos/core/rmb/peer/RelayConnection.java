package dev.zos.core.rmb.peer;

import dev.zos.core.ZosException;
import dev.zos.core.rmb.EnvelopeCodec;
import dev.zos.core.rmb.jwt.RelayJwt;
import dev.zos.core.rmb.jwt.RelayToken;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one self-healing websocket session to the relay: connects with a fresh token, pings, reconnects
 * with jittered backoff when the socket closes or has been silent too long, and reconnects early with
 * a new token before the current one expires (the new session evicts the old one at the relay, so the
 * switch loses nothing). Frames sent while disconnected wait in a bounded outbox.
 */
final class RelayConnection {
    static final int MAX_OUTBOX = 1024;

    private record Session(long generation, WebSocket socket) {
    }

    private record Queued(byte[] frame, CompletableFuture<Void> done) {
    }

    private final PeerConfig config;
    private final ScheduledExecutorService scheduler;
    private final Consumer<byte[]> inbound;
    private final ExecutorService httpExecutor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http;
    private final ArrayDeque<Queued> outbox = new ArrayDeque<>();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();

    // all fields below are guarded by this
    private Session current;
    private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);
    private long generation;
    private boolean connecting;
    private boolean closed;
    private int attempt;
    private int connections;
    private ScheduledFuture<?> renewal;
    private volatile long lastReadNanos = System.nanoTime();

    RelayConnection(PeerConfig config, ScheduledExecutorService scheduler, Consumer<byte[]> inbound) {
        this.config = config;
        this.scheduler = scheduler;
        this.inbound = inbound;
        this.http = HttpClient.newBuilder().executor(httpExecutor).connectTimeout(Duration.ofSeconds(10)).build();
    }

    synchronized void start() {
        long checkMillis = Math.max(10, Math.min(config.pingInterval().toMillis(), config.readTimeout().toMillis() / 4));
        timers.add(scheduler.scheduleAtFixedRate(this::ping, config.pingInterval().toMillis(),
                config.pingInterval().toMillis(), TimeUnit.MILLISECONDS));
        timers.add(scheduler.scheduleAtFixedRate(this::watchdog, checkMillis, checkMillis, TimeUnit.MILLISECONDS));
        connect();
    }

    synchronized boolean isConnected() {
        return current != null;
    }

    /** Number of successful connections so far (1 + reconnects). */
    synchronized int connections() {
        return connections;
    }

    /** Sends one binary frame, or queues it until the relay session is up. */
    synchronized CompletableFuture<Void> send(byte[] frame) {
        if (closed) {
            return CompletableFuture.failedFuture(ZosException.unavailable("rmb peer is closed", null));
        }
        if (current != null) {
            return write(current.socket(), frame);
        }
        if (outbox.size() >= MAX_OUTBOX) {
            return CompletableFuture.failedFuture(ZosException.unavailable(
                    "relay is unreachable and " + MAX_OUTBOX + " envelopes are already waiting", null));
        }
        var queued = new Queued(frame, new CompletableFuture<>());
        outbox.add(queued);
        return queued.done();
    }

    /** Forces a reconnect now, as if the socket had died (also used by the read watchdog). */
    void drop(String reason) {
        Session session;
        synchronized (this) {
            session = current;
        }
        if (session != null) {
            lost(session.generation(), reason);
        }
    }

    void close() {
        WebSocket socket;
        List<Queued> waiting;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            timers.forEach(t -> t.cancel(false));
            if (renewal != null) {
                renewal.cancel(false);
            }
            socket = current == null ? null : current.socket();
            current = null;
            waiting = new ArrayList<>(outbox);
            outbox.clear();
        }
        waiting.forEach(q -> q.done().completeExceptionally(ZosException.unavailable("rmb peer is closed", null)));
        if (socket != null) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "closing").get(1, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the relay may be gone already; abort below either way
            }
            socket.abort();
        }
        http.shutdownNow();
        http.close();
        httpExecutor.close();
    }

    private synchronized void connect() {
        if (closed || connecting) {
            return;
        }
        connecting = true;
        long gen = ++generation;
        var token = RelayToken.issue(config.twin(), config.session(), config.tokenTtl(), config.clock());
        String path = config.relayUrl().getRawPath() == null || config.relayUrl().getRawPath().isEmpty() ? "/" : "";
        URI uri = URI.create(config.relayUrl() + path + "?" + RelayJwt.sign(token, config.key()));
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new Listener(gen))
                .whenComplete((socket, error) -> connected(gen, socket, error));
    }

    private void connected(long gen, WebSocket socket, Throwable error) {
        WebSocket old = null;
        synchronized (this) {
            connecting = false;
            if (closed) {
                if (socket != null) {
                    socket.abort();
                }
                return;
            }
            if (error != null) {
                scheduleReconnect();
                return;
            }
            old = current == null ? null : current.socket();
            current = new Session(gen, socket);
            lastReadNanos = System.nanoTime();
            attempt = 0;
            connections++;
            sendChain = CompletableFuture.completedFuture(null);
            while (!outbox.isEmpty()) {
                var queued = outbox.poll();
                write(socket, queued.frame()).whenComplete((v, e) -> {
                    if (e != null) {
                        queued.done().completeExceptionally(e);
                    } else {
                        queued.done().complete(null);
                    }
                });
            }
            if (renewal != null) {
                renewal.cancel(false);
            }
            long renewMillis = config.tokenTtl().minus(config.tokenRenewBefore()).toMillis();
            renewal = scheduler.schedule(this::renew, renewMillis, TimeUnit.MILLISECONDS);
        }
        if (old != null) {
            old.sendClose(WebSocket.NORMAL_CLOSURE, "token renewed").whenComplete((w, e) -> w.abort());
        }
    }

    private synchronized void renew() {
        // keep the current session until the new one is up; the relay then evicts the old one
        connect();
    }

    private void lost(long gen, String reason) {
        WebSocket socket;
        synchronized (this) {
            if (closed || current == null || current.generation() != gen) {
                return; // a stale callback from a socket we already replaced
            }
            socket = current.socket();
            current = null;
            scheduleReconnect();
        }
        socket.abort();
    }

    private synchronized void scheduleReconnect() {
        if (closed || connecting) {
            return;
        }
        Duration delay = config.backoff().delay(attempt++, ThreadLocalRandom.current());
        scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    // the JDK websocket allows one outstanding send at a time, so sends are chained
    private synchronized CompletableFuture<Void> write(WebSocket socket, byte[] frame) {
        var next = sendChain.exceptionally(e -> null)
                .thenCompose(v -> socket.sendBinary(ByteBuffer.wrap(frame), true));
        sendChain = next;
        return next.thenApply(w -> null);
    }

    private synchronized void ping() {
        if (current != null) {
            var socket = current.socket();
            sendChain = sendChain.exceptionally(e -> null)
                    .thenCompose(v -> socket.sendPing(ByteBuffer.allocate(0)));
        }
    }

    private void watchdog() {
        long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastReadNanos);
        if (silentMillis > config.readTimeout().toMillis()) {
            drop("nothing read from the relay for " + silentMillis + " ms");
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final long gen;
        private final FrameAssembler assembler = new FrameAssembler(EnvelopeCodec.MAX_ENVELOPE_SIZE);

        Listener(long gen) {
            this.gen = gen;
        }

        @Override
        public void onOpen(WebSocket socket) {
            socket.request(1);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            lastReadNanos = System.nanoTime();
            assembler.append(data, last).ifPresent(inbound);
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            lost(gen, "relay sent a text frame; only binary frames are allowed");
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket socket, ByteBuffer message) {
            lastReadNanos = System.nanoTime();
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket socket, ByteBuffer message) {
            lastReadNanos = System.nanoTime();
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            lost(gen, "relay closed the session (" + statusCode + " " + reason + ")");
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            lost(gen, "relay session failed: " + error);
        }
    }
}
