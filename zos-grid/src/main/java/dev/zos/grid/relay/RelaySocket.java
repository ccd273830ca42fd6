package dev.zos.grid.relay;

import dev.zos.core.rmb.RmbAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/** One authenticated websocket connection: frames in go to the relay, envelopes out are written with a bounded backlog. */
public final class RelaySocket implements Session.Listener.AutoDemanding, Outlet {
    private final Relay relay;
    private final RmbAddress id;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean behind = new AtomicBoolean();
    private volatile Session ws;
    private volatile ScheduledFuture<?> pings;

    RelaySocket(Relay relay, RmbAddress id) {
        this.relay = relay;
        this.id = id;
        this.maxInFlight = relay.options().maxInFlight();
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.ws = session;
        relay.connected(id, this);
        pings = relay.schedulePings(() -> session.sendPing(ByteBuffer.allocate(0), Callback.NOOP));
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        byte[] frame = new byte[payload.remaining()];
        payload.get(frame);
        callback.succeed();
        if (!relay.route(id, frame)) {
            ws.close(StatusCode.BAD_PAYLOAD, "not an envelope", Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketText(String message) {
        relay.metrics().error("text_frame");
        ws.close(StatusCode.BAD_DATA, "binary frames only", Callback.NOOP);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        stopPings();
        relay.disconnected(id, this);
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        stopPings();
        relay.disconnected(id, this);
    }

    private void stopPings() {
        ScheduledFuture<?> p = pings;
        if (p != null) {
            p.cancel(false);
        }
    }

    @Override
    public boolean offer(byte[] envelope) {
        Session session = ws;
        if (session == null || !session.isOpen()) {
            return false;
        }
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            behind.set(true);
            return false;
        }
        session.sendBinary(ByteBuffer.wrap(envelope), new Callback() {
            @Override
            public void succeed() {
                written();
            }

            @Override
            public void fail(Throwable x) {
                written();
                session.close(StatusCode.SERVER_ERROR, "write failed", Callback.NOOP);
            }
        });
        return true;
    }

    private void written() {
        int left = inFlight.decrementAndGet();
        if (left <= maxInFlight / 2 && behind.compareAndSet(true, false)) {
            relay.switchboard().drain(id);
        }
    }

    @Override
    public void evict() {
        Session session = ws;
        if (session != null) {
            session.close(StatusCode.NORMAL, "replaced by a newer connection of the same session", Callback.NOOP);
        }
    }
}
