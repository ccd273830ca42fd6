package dev.zos.core.rmb.peer;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.zos.core.ZosException;
import dev.zos.core.rmb.jwt.RelayJwt;
import dev.zos.core.rmb.jwt.RelayToken;
import dev.zos.core.rmb.proto.Address;
import dev.zos.core.rmb.proto.Envelope;
import dev.zos.core.rmb.proto.Error;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;

/**
 * A minimal relay for tests, on 127.0.0.1 with an ephemeral port: checks the JWT at the upgrade,
 * keeps one session per (twin, sid) (a newer one evicts the older), checks that each envelope's source
 * is the session's twin, and switches binary frames to the destination session. Envelopes for absent
 * sessions are dropped, or answered with an unsigned relay error when tagged {@code fail-fast}.
 */
final class TestRelay extends WebSocketServer {
    private final TwinDirectory directory;
    private final Map<String, WebSocket> sessions = new ConcurrentHashMap<>();
    private final CountDownLatch started = new CountDownLatch(1);
    final List<Envelope> seen = new CopyOnWriteArrayList<>();
    final Map<String, byte[]> frames = new ConcurrentHashMap<>(); // uid + message case -> raw frame
    final AtomicInteger rejectedTokens = new AtomicInteger();
    final AtomicInteger opened = new AtomicInteger();
    volatile boolean answerPings = true;

    TestRelay(TwinDirectory directory) {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.directory = directory;
        setReuseAddr(true);
    }

    static TestRelay startOn(TwinDirectory directory) throws InterruptedException {
        var relay = new TestRelay(directory);
        relay.start();
        if (!relay.started.await(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("test relay did not start");
        }
        return relay;
    }

    URI url() {
        return URI.create("ws://127.0.0.1:" + getPort());
    }

    void shutdown() throws InterruptedException {
        stop(1000);
    }

    /** Closes every session, as a relay restart would. */
    void dropAll() {
        sessions.values().forEach(c -> c.close(CloseFrame.GOING_AWAY, "relay restarting"));
    }

    /** Sends raw bytes to a connected session, bypassing all checks (for replay/forgery tests). */
    void inject(long twin, byte[] frame) {
        var conn = sessions.get(key(twin, null));
        if (conn == null) {
            throw new IllegalStateException("twin " + twin + " is not connected");
        }
        conn.send(frame);
    }

    boolean isConnected(long twin) {
        return sessions.containsKey(key(twin, null));
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
                                                                      ClientHandshake request) throws InvalidDataException {
        var builder = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
        String resource = request.getResourceDescriptor();
        int q = resource.indexOf('?');
        try {
            if (q < 0) {
                throw ZosException.invalid("missing token");
            }
            var signed = RelayJwt.parse(resource.substring(q + 1));
            var twin = directory.lookup(signed.token().twin())
                    .orElseThrow(() -> ZosException.notFound("unknown twin " + signed.token().twin()));
            RelayToken token = signed.verify(twin.publicKey(), Clock.systemUTC(), Duration.ofSeconds(5));
            conn.setAttachment(key(token.twin(), token.session()));
        } catch (ZosException e) {
            rejectedTokens.incrementAndGet();
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, e.getMessage());
        }
        return builder;
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        opened.incrementAndGet();
        var old = sessions.put(conn.getAttachment(), conn);
        if (old != null && old != conn) {
            old.close(CloseFrame.NORMAL, "replaced by a newer session");
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        if (conn.getAttachment() != null) {
            sessions.remove((String) conn.getAttachment(), conn);
        }
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        conn.close(CloseFrame.UNEXPECTED_CONDITION, "binary frames only");
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        byte[] bytes = new byte[message.remaining()];
        message.get(bytes);
        Envelope env;
        try {
            env = Envelope.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            conn.close(CloseFrame.POLICY_VALIDATION, "not an envelope");
            return;
        }
        String session = conn.getAttachment();
        if (!session.equals(key(env.getSource()))) {
            conn.close(CloseFrame.POLICY_VALIDATION, "message wrong source");
            return;
        }
        seen.add(env);
        frames.put(env.getUid() + "/" + env.getMessageCase(), bytes);
        var target = sessions.get(key(env.getDestination()));
        if (target != null) {
            target.send(bytes);
        } else if (env.getTags().contains("fail-fast")) {
            conn.send(Envelope.newBuilder().setUid(env.getUid()).setTimestamp(env.getTimestamp()).setExpiration(60)
                    .setSource(Address.newBuilder().setTwin(0)).setDestination(env.getSource())
                    .setError(Error.newBuilder().setCode(500).setMessage("destination offline")).build().toByteArray());
        }
    }

    @Override
    public void onWebsocketPing(WebSocket conn, Framedata f) {
        if (answerPings) {
            super.onWebsocketPing(conn, f);
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        // connections come and go in these tests; failures show up as test assertions instead
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    private static String key(Address address) {
        return key(Integer.toUnsignedLong(address.getTwin()), address.hasConnection() ? address.getConnection() : null);
    }

    private static String key(long twin, String sid) {
        return sid == null ? Long.toString(twin) : twin + ":" + sid;
    }
}
