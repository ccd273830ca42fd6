package dev.zos.core.rmb.peer;

import dev.zos.core.ZosException;
import dev.zos.core.rmb.EnvelopeCodec;
import dev.zos.core.rmb.EnvelopeSigning;
import dev.zos.core.rmb.ErrorCode;
import dev.zos.core.rmb.Freshness;
import dev.zos.core.rmb.ReplayGuard;
import dev.zos.core.rmb.RmbAddress;
import dev.zos.core.rmb.RmbException;
import dev.zos.core.rmb.crypto.E2eCipher;
import dev.zos.core.rmb.crypto.E2eKey;
import dev.zos.core.rmb.proto.Envelope;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An RMB peer: one twin's authenticated session to a relay. It sends requests and awaits their
 * responses by uid, and serves incoming requests through a {@link CommandRouter}. Every incoming
 * envelope is verified ({@link EnvelopeGate}); bad ones are dropped and, when they are requests,
 * answered with an Error envelope carrying the matching code.
 *
 * <p>Threads: one scheduler thread (timers, reconnects) and virtual threads for envelope processing
 * and handlers; {@link #close()} stops them all.
 */
public final class RmbPeer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RmbPeer.class.getName());

    private record Pending(long twin, String command, CompletableFuture<Reply> future) {
    }

    private final PeerConfig config;
    private final E2eKey e2eKey;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final EnvelopeGate gate;
    private final OutboundEnvelopes outbound;
    private final RelayConnection connection;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    private RmbPeer(PeerConfig config) {
        this.config = config;
        this.e2eKey = E2eKey.fromSeed(config.key().seed());
        E2eCipher cipher = config.encrypt() ? new E2eCipher(e2eKey) : null;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "rmb-peer-" + config.address());
            t.setDaemon(true);
            return t;
        });
        this.gate = new EnvelopeGate(config.twin(), config.directory(),
                new Freshness(config.clock(), config.clockSkew()), new ReplayGuard(config.clock()), cipher);
        this.outbound = new OutboundEnvelopes(config, cipher, e2eKey.publicKey());
        this.connection = new RelayConnection(config, scheduler, this::onFrame);
    }

    /** Creates the peer and starts connecting in the background. */
    public static RmbPeer start(PeerConfig config) {
        var peer = new RmbPeer(config);
        peer.connection.start();
        return peer;
    }

    public RmbAddress address() {
        return config.address();
    }

    /** This twin's compressed secp256k1 key, to publish in the registry so others can encrypt to it. */
    public byte[] e2ePublicKey() {
        return e2eKey.publicKey();
    }

    public boolean isConnected() {
        return connection.isConnected();
    }

    /** Successful relay connections so far (1 + reconnects). */
    public int connections() {
        return connection.connections();
    }

    /** Incoming envelopes dropped so far (unparseable, forged, expired, replayed, unexpected). */
    public long droppedEnvelopes() {
        return dropped.get();
    }

    /** Sends a JSON request to the twin's default session. */
    public CompletableFuture<Reply> request(long twin, String command, byte[] payload, Duration timeout) {
        return request(RmbAddress.of(twin), command, payload, null, timeout);
    }

    /**
     * Sends a request and completes with the destination's response. Completes exceptionally with an
     * {@link RmbException} (the remote's or the relay's error code) or, when no answer arrives within
     * {@code timeout}, a {@link ZosException} of kind UNAVAILABLE.
     *
     * @param schema payload schema, null for {@code application/json}
     */
    public CompletableFuture<Reply> request(RmbAddress to, String command, byte[] payload, String schema,
                                            Duration timeout) {
        String uid = UUID.randomUUID().toString();
        var future = new CompletableFuture<Reply>();
        if (closed) {
            future.completeExceptionally(ZosException.unavailable("rmb peer is closed", null));
            return future;
        }
        pending.put(uid, new Pending(to.twin(), command, future));
        try {
            var timer = scheduler.schedule(() -> {
                if (pending.remove(uid) != null) {
                    future.completeExceptionally(ZosException.unavailable("no answer from twin " + to + " to '"
                            + command + "' within " + timeout.toMillis() + " ms", null));
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            future.whenComplete((r, e) -> timer.cancel(false));
        } catch (RejectedExecutionException e) {
            fail(uid, ZosException.unavailable("rmb peer is closed", e));
            return future;
        }
        submit(() -> {
            byte[] frame = EnvelopeCodec.serialize(outbound.request(uid, to, command, payload, schema, timeout));
            connection.send(frame).whenComplete((v, e) -> {
                if (e != null) {
                    fail(uid, e);
                }
            });
        }, uid);
        return future;
    }

    /** Forces the relay session to reconnect (for operators and tests). */
    public void reconnect() {
        connection.drop("reconnect requested");
    }

    @Override
    public void close() {
        closed = true;
        connection.close();
        scheduler.shutdownNow();
        workers.close(); // waits for running handlers; new work is refused
        var failure = ZosException.unavailable("rmb peer closed", null);
        pending.values().forEach(p -> p.future().completeExceptionally(failure));
        pending.clear();
        try {
            scheduler.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onFrame(byte[] frame) {
        submit(() -> process(frame), null);
    }

    private void submit(Runnable task, String uidToFail) {
        try {
            workers.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    if (uidToFail != null) {
                        fail(uidToFail, e);
                    } else {
                        LOG.log(Level.WARNING, "rmb peer task failed: " + e.getMessage());
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            if (uidToFail != null) {
                fail(uidToFail, ZosException.unavailable("rmb peer is closed", e));
            }
        }
    }

    private void process(byte[] frame) {
        Envelope env;
        try {
            env = EnvelopeCodec.parse(frame);
        } catch (RmbException e) {
            drop("unreadable envelope: " + e.getMessage());
            return;
        }
        if (EnvelopeSigning.isRelayError(env)) {
            var p = pending.remove(env.getUid());
            if (p == null) {
                drop("relay error for unknown request " + env.getUid());
            } else {
                p.future().completeExceptionally(new RmbException(env.getError().getCode(), "relay could not deliver '"
                        + p.command() + "' to twin " + p.twin() + ": " + env.getError().getMessage()));
            }
            return;
        }
        byte[] payload;
        try {
            payload = gate.admit(env);
        } catch (RmbException e) {
            drop(e.getMessage());
            if (env.hasRequest()) {
                reply(env, outbound.error(env.getUid(), RmbAddress.fromProto(env.getSource()), e.code(), e.getMessage()));
            }
            return;
        }
        var source = RmbAddress.fromProto(env.getSource());
        String schema = env.hasSchema() ? env.getSchema() : null;
        switch (env.getMessageCase()) {
            case REQUEST -> serve(env, new IncomingRequest(env.getUid(), source, env.getRequest().getCommand(),
                    payload, schema));
            case RESPONSE -> answered(env, source).ifPresent(p -> p.future().complete(
                    new Reply(env.getUid(), source, payload, schema)));
            case ERROR -> answered(env, source).ifPresent(p -> p.future().completeExceptionally(new RmbException(
                    env.getError().getCode(), "twin " + source + " answered '" + p.command() + "' with error "
                    + env.getError().getCode() + ": " + env.getError().getMessage())));
            default -> drop("unexpected " + env.getMessageCase() + " envelope " + env.getUid());
        }
    }

    private java.util.Optional<Pending> answered(Envelope env, RmbAddress source) {
        var p = pending.get(env.getUid());
        if (p == null || p.twin() != source.twin()) {
            drop("answer " + env.getUid() + " from twin " + source + " matches no request of ours");
            return java.util.Optional.empty();
        }
        return pending.remove(env.getUid(), p) ? java.util.Optional.of(p) : java.util.Optional.empty();
    }

    private void serve(Envelope env, IncomingRequest request) {
        Envelope answer;
        var handler = config.router().find(request.command());
        if (handler.isEmpty()) {
            answer = outbound.error(request.uid(), request.source(), ErrorCode.INVALID_MESSAGE.code(),
                    "unknown command '" + request.command() + "'");
        } else {
            try {
                byte[] result = handler.get().handle(request);
                answer = outbound.response(request.uid(), request.source(), result == null ? new byte[0] : result,
                        request.schema());
            } catch (RmbException e) {
                answer = outbound.error(request.uid(), request.source(), e.code(), e.getMessage());
            } catch (ZosException e) {
                int code = e.kind() == ZosException.Kind.INVALID ? ErrorCode.INVALID_PAYLOAD.code() : ErrorCode.OTHER.code();
                answer = outbound.error(request.uid(), request.source(), code, e.getMessage());
            } catch (Exception e) {
                LOG.log(Level.WARNING, "handler for '" + request.command() + "' failed", e);
                answer = outbound.error(request.uid(), request.source(), ErrorCode.OTHER.code(),
                        "'" + request.command() + "' failed: " + e.getClass().getSimpleName());
            }
        }
        reply(env, answer);
    }

    private void reply(Envelope request, Envelope answer) {
        try {
            connection.send(EnvelopeCodec.serialize(answer));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not answer " + request.getUid() + ": " + e.getMessage());
        }
    }

    private void fail(String uid, Throwable error) {
        var p = pending.remove(uid);
        if (p != null) {
            p.future().completeExceptionally(error);
        }
    }

    private void drop(String reason) {
        dropped.incrementAndGet();
        LOG.log(Level.DEBUG, "dropped envelope: " + reason);
    }
}
