package dev.zos.grid.relay;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import dev.zos.core.ZosException;
import dev.zos.core.rmb.EnvelopeCodec;
import dev.zos.core.rmb.ErrorCode;
import dev.zos.core.rmb.Freshness;
import dev.zos.core.rmb.RmbAddress;
import dev.zos.core.rmb.jwt.RelayJwt;
import dev.zos.core.rmb.jwt.RelayToken;
import dev.zos.core.rmb.peer.TwinDirectory;
import dev.zos.core.rmb.peer.TwinInfo;
import dev.zos.core.rmb.proto.Address;
import dev.zos.core.rmb.proto.Envelope;
import dev.zos.core.rmb.proto.Pong;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's routing, independent of the websocket library: who may connect, and where each
 * envelope goes. It never reads payloads and never verifies envelope signatures (the receiving
 * peer does, as with ThreeFold's relay); it enforces that a session only sends as itself.
 */
public final class Relay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);
    /** How long relay-generated errors live, as ThreeFold's relay sets them. */
    static final long ERROR_TTL_SECONDS = 300;
    static final String FAIL_FAST_TAG = "fail-fast";

    private final CachedTwinDirectory twins;
    private final Switch sw;
    private final RelayOptions options;
    private final Clock clock;
    private final RateLimiter limiter;
    private final RelayMetrics metrics = new RelayMetrics();
    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("relay-pinger").unstarted(r));

    public Relay(TwinDirectory twins, Switch sw, RelayOptions options, Clock clock) {
        this.twins = new CachedTwinDirectory(twins, Duration.ofSeconds(60), Duration.ofSeconds(5));
        this.sw = sw;
        this.options = options;
        this.clock = clock;
        this.limiter = new RateLimiter(options.ratePerSecond(), options.rateBurst());
        metrics.gauge("relay_sessions", sw::sessions);
        metrics.gauge("relay_queued_envelopes", sw::queued);
    }

    public RelayOptions options() {
        return options;
    }

    public RelayMetrics metrics() {
        return metrics;
    }

    Switch switchboard() {
        return sw;
    }

    /** Pings {@code socket} every ping interval until the returned handle is cancelled. */
    ScheduledFuture<?> schedulePings(Runnable ping) {
        long millis = options.pingInterval().toMillis();
        return pinger.scheduleAtFixedRate(ping, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Checks the token of an upgrade request (the bare query string) and names the session it opens.
     *
     * @throws ZosException FORBIDDEN or NOT_FOUND with the reason, INVALID for a malformed token
     */
    public RmbAddress authenticate(String token) {
        if (token == null || token.isBlank()) {
            throw ZosException.invalid("missing token: connect to ws://relay/?<jwt>");
        }
        var signed = RelayJwt.parse(token);
        long twin = signed.token().twin();
        TwinInfo info = twins.lookup(twin)
                .orElseThrow(() -> ZosException.notFound("twin " + twin + " is not registered"));
        RelayToken verified = signed.verify(info.publicKey(), clock, options.tokenSkew());
        return new RmbAddress(verified.twin(), verified.sid().filter(s -> !s.isEmpty()).orElse(null));
    }

    /** A session opened: from now on envelopes for it go to {@code outlet}. */
    void connected(RmbAddress session, Outlet outlet) {
        metrics.connections.increment();
        sw.register(session, outlet);
        LOG.debug("session {} connected", session);
    }

    void disconnected(RmbAddress session, Outlet outlet) {
        sw.unregister(session, outlet);
        LOG.debug("session {} disconnected", session);
    }

    /**
     * Routes one binary frame from {@code session}.
     *
     * @return false when the frame is not an envelope at all; the caller closes that connection
     */
    boolean route(RmbAddress session, byte[] frame) {
        metrics.received.increment();
        metrics.receivedBytes.add(frame.length);
        Envelope env;
        try {
            env = parse(frame);
        } catch (ZosException e) {
            metrics.error("malformed");
            LOG.debug("session {} sent a malformed frame: {}", session, e.getMessage());
            return false;
        }
        if (!limiter.tryAcquire(session.twin())) {
            metrics.error("rate_limited");
            answerError(session, env.getUid(), ErrorCode.OTHER, "exceeded rate limits, dropping message");
            return true;
        }
        RmbAddress source = normalise(env.getSource());
        if (!source.equals(session)) {
            metrics.error("wrong_source");
            answerError(session, env.getUid(), ErrorCode.VALIDATION_FAILED,
                    "envelope source " + source + " is not this session " + session);
            return true;
        }
        long deadline = Freshness.deadline(env);
        if (deadline < clock.instant().getEpochSecond()) {
            metrics.error("expired");
            answerError(session, env.getUid(), ErrorCode.VALIDATION_FAILED, "envelope expired before the relay got it");
            return true;
        }
        if (env.hasPing()) {
            answerPong(session, env);
            return true;
        }
        RmbAddress destination = normalise(env.getDestination());
        if (destination.twin() == 0) {
            metrics.error("no_destination");
            answerError(session, env.getUid(), ErrorCode.INVALID_MESSAGE, "envelope has no destination twin");
            return true;
        }
        Optional<TwinInfo> target = twins.lookup(destination.twin());
        if (target.isEmpty()) {
            metrics.error("unknown_twin");
            answerError(session, env.getUid(), ErrorCode.UNKNOWN_TWIN, "unknown twin destination " + destination.twin());
            return true;
        }
        if (env.hasTags() && hasTag(env.getTags(), FAIL_FAST_TAG) && !sw.isOnline(destination)) {
            metrics.error("offline");
            answerError(session, env.getUid(), ErrorCode.OTHER, "destination " + destination + " is offline");
            return true;
        }
        switch (sw.send(destination, frame, deadline)) {
            case DELIVERED -> {
                metrics.forwarded.increment();
                metrics.forwardedBytes.add(frame.length);
            }
            case QUEUED -> metrics.queued.increment();
            case DROPPED_QUEUE_FULL -> {
                metrics.error("queue_full");
                answerError(session, env.getUid(), ErrorCode.OTHER, "queue of destination " + destination + " is full");
            }
        }
        return true;
    }

    /**
     * {@link EnvelopeCodec#parse} without copying: the relay owns {@code frame} and never changes it, so the
     * payload and signature of the parsed envelope may alias it instead of being copied out (the benchmark in
     * bench/relay showed those copies as the largest allocation per forwarded envelope). Same checks, same errors.
     */
    static Envelope parse(byte[] frame) {
        if (frame.length == 0 || frame.length > EnvelopeCodec.MAX_ENVELOPE_SIZE) {
            return EnvelopeCodec.parse(frame); // throws the codec's own error
        }
        Envelope env;
        try {
            CodedInputStream in = UnsafeByteOperations.unsafeWrap(frame).newCodedInput();
            in.enableAliasing(true);
            env = Envelope.parseFrom(in);
            in.checkLastTagWas(0); // as parsing from a byte[] does: a stray end-group tag is malformed
        } catch (InvalidProtocolBufferException e) {
            return EnvelopeCodec.parse(frame); // the codec reports it the usual way
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EnvelopeCodec.checkStructure(env);
        return env;
    }

    private void answerPong(RmbAddress session, Envelope ping) {
        Envelope pong = ping.toBuilder()
                .setPong(Pong.getDefaultInstance())
                .setSource(ping.getDestination())
                .setDestination(ping.getSource())
                .clearSignature()
                .build();
        sw.send(session, pong.toByteArray(), Freshness.deadline(pong));
    }

    /** A relay-generated error: source twin 0, unsigned, back to the sending session. */
    void answerError(RmbAddress session, String uid, ErrorCode code, String message) {
        Envelope err = Envelope.newBuilder()
                .setUid(uid == null || uid.isEmpty() ? UUID.randomUUID().toString() : uid)
                .setTimestamp(clock.instant().getEpochSecond())
                .setExpiration(ERROR_TTL_SECONDS)
                .setSource(Address.newBuilder().setTwin(0).build())
                .setDestination(session.toProto())
                .setError(dev.zos.core.rmb.proto.Error.newBuilder().setCode(code.code()).setMessage(message))
                .build();
        sw.send(session, err.toByteArray(), err.getTimestamp() + ERROR_TTL_SECONDS);
    }

    static RmbAddress normalise(Address address) {
        String connection = address.hasConnection() && !address.getConnection().isEmpty() ? address.getConnection() : null;
        return new RmbAddress(Integer.toUnsignedLong(address.getTwin()), connection);
    }

    private static boolean hasTag(String tags, String tag) {
        for (String t : tags.split("[,\\s]+")) {
            if (t.equals(tag)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        pinger.shutdownNow();
        sw.close();
    }
}
