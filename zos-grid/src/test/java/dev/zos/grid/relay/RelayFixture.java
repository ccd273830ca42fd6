package dev.zos.grid.relay;

import dev.zos.core.identity.TwinKey;
import dev.zos.core.rmb.jwt.RelayJwt;
import dev.zos.core.rmb.jwt.RelayToken;
import dev.zos.core.rmb.peer.CommandRouter;
import dev.zos.core.rmb.peer.PeerConfig;
import dev.zos.core.rmb.peer.RmbPeer;
import dev.zos.core.rmb.peer.TwinDirectory;
import dev.zos.core.rmb.peer.TwinInfo;
import dev.zos.grid.server.GridConfig;
import dev.zos.grid.server.GridServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A relay on a loopback port with a map of twins, and helpers to connect real peers and raw sockets to it. */
final class RelayFixture implements AutoCloseable {
    final Map<Long, TwinKey> keys = new ConcurrentHashMap<>();
    final TwinDirectory directory = twin -> Optional.ofNullable(keys.get(twin))
            .map(k -> new TwinInfo(twin, k.publicKey(), null));
    final Relay relay;
    final GridServer server;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    RelayFixture(Switch sw, RelayOptions options) throws Exception {
        relay = new Relay(directory, sw, options, Clock.systemUTC());
        server = new GridServer(new GridConfig.Listen("127.0.0.1", 0), List.of(RelayHttp.metrics(relay)),
                List.of(RelayHttp.upgrade(relay))).start();
    }

    RelayFixture() throws Exception {
        this(new LocalSwitch(RelayOptions.defaults(), Clock.systemUTC()), RelayOptions.defaults());
    }

    TwinKey twin(long id) {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        TwinKey key = TwinKey.fromSeed(seed);
        keys.put(id, key);
        return key;
    }

    URI url() {
        return URI.create("ws://127.0.0.1:" + server.port() + "/");
    }

    RmbPeer peer(long twin, CommandRouter router) {
        TwinKey key = keys.containsKey(twin) ? keys.get(twin) : twin(twin);
        RmbPeer peer = RmbPeer.start(PeerConfig.builder(url(), key, twin).directory(directory).router(router).build());
        closeables.add(peer);
        return peer;
    }

    String token(long twin, String sid) {
        return RelayJwt.sign(RelayToken.issue(twin, sid, Duration.ofSeconds(60), Clock.systemUTC()), keys.get(twin));
    }

    /** A websocket that records what it receives, for speaking to the relay directly. */
    RawSocket raw(String token) throws Exception {
        var socket = new RawSocket();
        socket.ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(url() + "?" + token), socket).get(5, TimeUnit.SECONDS);
        closeables.add(() -> socket.ws.abort());
        return socket;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : closeables.reversed()) {
            c.close();
        }
        server.close();
        relay.close();
    }

    static final class RawSocket implements WebSocket.Listener {
        WebSocket ws;
        final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final java.util.concurrent.atomic.AtomicInteger pings = new java.util.concurrent.atomic.AtomicInteger();
        private final java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            partial.writeBytes(chunk);
            if (last) {
                received.add(partial.toByteArray());
                partial.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            pings.incrementAndGet();
            return WebSocket.Listener.super.onPing(webSocket, message);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }

        void send(byte[] frame) throws Exception {
            ws.sendBinary(ByteBuffer.wrap(frame), true).get(5, TimeUnit.SECONDS);
        }

        byte[] next() throws InterruptedException {
            return received.poll(5, TimeUnit.SECONDS);
        }
    }
}
