package dev.zos.grid.bench;

import com.google.protobuf.ByteString;
import dev.zos.core.identity.TwinKey;
import dev.zos.core.rmb.EnvelopeSigning;
import dev.zos.core.rmb.proto.Address;
import dev.zos.core.rmb.proto.Envelope;
import dev.zos.core.rmb.proto.Request;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load generator for the relay benchmark (see bench/relay/README.md). Modes:
 * <ul>
 *   <li>{@code throughput --port P [--count N] [--warmup N] [--window W] [--batch B]}: twin 1 sends pre-signed
 *       envelopes (256-byte payload) to twin 2 with at most W not yet received; counts what twin 2 gets.</li>
 *   <li>{@code latency --port P [--rate R] [--seconds S] [--warmup-seconds S]}: the same pair at a fixed rate;
 *       each payload carries its scheduled send time, the receiver measures against the same clock.</li>
 *   <li>{@code sessions --port P [--sessions N] [--threads T] [--hold-seconds S]}: N authenticated websocket
 *       sessions (twins 1..N), then asks the relay process for its heap after a full GC.</li>
 * </ul>
 */
public final class RelayBenchClient {
    static final int PAYLOAD = 256;
    static final long SENDER = 1;
    static final long RECEIVER = 2;

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: throughput|latency|sessions --port P [options]");
        }
        var opts = new java.util.HashMap<String, String>();
        for (int i = 1; i < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int port = Integer.parseInt(opts.get("port"));
        switch (args[0]) {
            case "throughput" -> throughput(port, longOpt(opts, "count", 1_000_000), longOpt(opts, "warmup", 300_000),
                    (int) longOpt(opts, "window", 1000), (int) longOpt(opts, "batch", 64));
            case "latency" -> latency(port, (int) longOpt(opts, "rate", 5000), (int) longOpt(opts, "seconds", 15),
                    (int) longOpt(opts, "warmup-seconds", 5));
            case "sessions" -> sessions(port, (int) longOpt(opts, "sessions", 10_000), (int) longOpt(opts, "threads", 4),
                    (int) longOpt(opts, "hold-seconds", 2));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
        System.exit(0);
    }

    private static long longOpt(java.util.Map<String, String> opts, String name, long def) {
        String v = opts.get(name);
        return v == null ? def : Long.parseLong(v.replace("_", ""));
    }

    // ---------------------------------------------------------------- envelopes

    /** A signed request from twin 1 to twin 2 whose 256-byte payload starts with {@code stamp}. */
    static byte[] envelope(TwinKey key, String uid, long stamp, Random random) {
        byte[] payload = new byte[PAYLOAD];
        random.nextBytes(payload);
        ByteBuffer.wrap(payload).putLong(0, stamp);
        Envelope env = Envelope.newBuilder()
                .setUid(uid)
                .setTimestamp(Instant.now().getEpochSecond())
                .setExpiration(600)
                .setSource(Address.newBuilder().setTwin((int) SENDER))
                .setDestination(Address.newBuilder().setTwin((int) RECEIVER))
                .setRequest(Request.newBuilder().setCommand("bench.echo"))
                .setSchema("application/octet-stream")
                .setPlain(ByteString.copyFrom(payload))
                .build();
        return EnvelopeSigning.sign(env, key).toByteArray();
    }

    /** {@code n} signed envelopes framed for the wire, all the same length, back to back in one array. */
    static byte[] framedPool(int n, String prefix) {
        TwinKey key = BenchTwins.key(SENDER);
        byte[][] frames = new byte[n][];
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> frames[i] =
                BenchWebSocket.frame(BenchWebSocket.OP_BINARY, envelope(key, uid(prefix, i), i, new Random(i))));
        int len = frames[0].length;
        byte[] pool = new byte[len * n];
        for (int i = 0; i < n; i++) {
            if (frames[i].length != len) {
                throw new IllegalStateException("frames differ in length: " + frames[i].length + " vs " + len);
            }
            System.arraycopy(frames[i], 0, pool, i * len, len);
        }
        return pool;
    }

    /** Where the 8-byte stamp sits inside a serialized envelope of the pool (all share one layout). */
    static int stampOffset(byte[] envelope, int length) throws IOException {
        Envelope e = Envelope.parseFrom(ByteBuffer.wrap(envelope, 0, length));
        byte[] plain = e.getPlain().toByteArray();
        outer:
        for (int at = 0; at + plain.length <= length; at++) {
            for (int j = 0; j < plain.length; j++) {
                if (envelope[at + j] != plain[j]) {
                    continue outer;
                }
            }
            return at;
        }
        throw new IllegalStateException("payload not found in envelope");
    }

    static long readLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }

    private static String uid(String prefix, int i) {
        return String.format("%s-%09d", prefix, i);
    }

    // ---------------------------------------------------------------- throughput

    static void throughput(int port, long count, long warmup, int window, int batch) throws Exception {
        int poolSize = 20_000;
        long t0 = System.nanoTime();
        byte[] pool = framedPool(poolSize, "tp");
        int frameLen = pool.length / poolSize;
        System.gc(); // the signing garbage goes now, not during the measurement
        System.out.printf("throughput: signed %d envelopes ahead of time in %d ms (frame %d bytes, payload %d bytes)%n",
                poolSize, (System.nanoTime() - t0) / 1_000_000, frameLen, PAYLOAD);

        var receiver = BenchWebSocket.connect("127.0.0.1", port, BenchTwins.token(RECEIVER, BenchTwins.key(RECEIVER)), 256 * 1024);
        var sender = BenchWebSocket.connect("127.0.0.1", port, BenchTwins.token(SENDER, BenchTwins.key(SENDER)), 64 * 1024);
        awaitSessions(port, 2);

        var received = new AtomicLong();
        var errorsBack = new AtomicLong();
        Thread sendingThread = Thread.currentThread();
        var rx = Thread.ofPlatform().name("rx").start(() -> {
            try {
                long n = 0;
                int op;
                while ((op = receiver.readFrame()) >= 0) {
                    if (op == BenchWebSocket.OP_BINARY) {
                        n++;
                        if ((n & 0xffff) == 1) {
                            Envelope e = Envelope.parseFrom(ByteBuffer.wrap(receiver.payload, 0, receiver.payloadLength));
                            if (e.getSource().getTwin() != SENDER || e.getPlain().size() != PAYLOAD) {
                                throw new IllegalStateException("unexpected envelope " + e);
                            }
                        }
                        received.lazySet(n);
                        LockSupport.unpark(sendingThread);
                    } else if (op == BenchWebSocket.OP_CLOSE) {
                        break;
                    }
                }
            } catch (IOException e) {
                // closed at the end
            }
        });
        var back = Thread.ofPlatform().daemon().name("sender-rx").start(() -> {
            try {
                int op;
                while ((op = sender.readFrame()) >= 0) {
                    if (op == BenchWebSocket.OP_BINARY && errorsBack.incrementAndGet() <= 3) {
                        Envelope e = Envelope.parseFrom(ByteBuffer.wrap(sender.payload, 0, sender.payloadLength));
                        System.out.println("relay answered the sender: " + e.getError().getMessage());
                    }
                }
            } catch (IOException e) {
                // closed at the end
            }
        });

        long[] sent = {0};
        var run = (java.util.function.LongUnaryOperator) n -> {
            long start = System.nanoTime();
            long target = sent[0] + n;
            long deadline = start + Duration.ofSeconds(120).toNanos();
            try {
                while (sent[0] < target) {
                    long room = window - (sent[0] - received.get());
                    if (room <= 0) {
                        LockSupport.parkNanos(20_000);
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("stalled: sent " + sent[0] + ", received " + received.get());
                        }
                        continue;
                    }
                    int k = (int) Math.min(Math.min(room, batch), target - sent[0]);
                    int at = (int) (sent[0] % poolSize);
                    int first = Math.min(k, poolSize - at);
                    sender.write(pool, at * frameLen, first * frameLen);
                    if (k > first) {
                        sender.write(pool, 0, (k - first) * frameLen);
                    }
                    sent[0] += k;
                }
                while (received.get() < target) {
                    LockSupport.parkNanos(20_000);
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("stalled: sent " + sent[0] + ", received " + received.get());
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return System.nanoTime() - start;
        };
        long warmNanos = run.applyAsLong(warmup);
        System.out.printf("throughput: warm-up %d envelopes at %.0f/s%n", warmup, warmup * 1e9 / warmNanos);
        long allocBefore = Long.parseLong(get(port, "/bench/allocated").trim());
        long nanos = run.applyAsLong(count);
        long allocated = Long.parseLong(get(port, "/bench/allocated").trim()) - allocBefore;
        double rate = count * 1e9 / nanos;
        System.out.printf("throughput: %d envelopes forwarded in %.3f s = %.0f envelopes/s (%.1f MB/s of frames), window %d, batch %d%n",
                count, nanos / 1e9, rate, rate * frameLen / 1e6, window, batch);
        System.out.printf("throughput: the relay allocated %.0f bytes per forwarded envelope (all its threads, measured part)%n",
                (double) allocated / count);
        System.out.println("RESULT throughput_per_s=" + Math.round(rate) + " relay_alloc_bytes_per_envelope="
                + allocated / count + " relay_errors_to_sender=" + errorsBack.get());
        sender.close();
        receiver.close();
        rx.join(5000);
    }

    // ---------------------------------------------------------------- latency

    static void latency(int port, int rate, int seconds, int warmupSeconds) throws Exception {
        int total = rate * (seconds + warmupSeconds);
        int warm = rate * warmupSeconds;
        long period = 1_000_000_000L / rate;
        long t0 = System.nanoTime();
        byte[] pool = framedPool(total, "lt");
        int frameLen = pool.length / total;
        System.gc(); // the signing garbage goes now, not during the measurement
        System.out.printf("latency: signed %d envelopes ahead of time in %d ms (frame %d bytes)%n",
                total, (System.nanoTime() - t0) / 1_000_000, frameLen);

        var receiver = BenchWebSocket.connect("127.0.0.1", port, BenchTwins.token(RECEIVER, BenchTwins.key(RECEIVER)), 64 * 1024);
        var sender = BenchWebSocket.connect("127.0.0.1", port, BenchTwins.token(SENDER, BenchTwins.key(SENDER)), 64 * 1024);
        awaitSessions(port, 2);

        long[] fromSchedule = new long[total];
        long[] fromSend = new long[total];
        long[] sentAt = new long[total];
        Arrays.fill(fromSchedule, -1);
        var received = new AtomicInteger();
        long base = System.nanoTime() + 50_000_000L;
        var rx = Thread.ofPlatform().name("rx").start(() -> {
            try {
                int op;
                int offset = -1;
                while (received.get() < total && (op = receiver.readFrame()) >= 0) {
                    long now = System.nanoTime();
                    if (op != BenchWebSocket.OP_BINARY) {
                        continue;
                    }
                    // no allocation per envelope here: the stamp is read in place (checked by a full parse now and then)
                    if (offset < 0) {
                        offset = stampOffset(receiver.payload, receiver.payloadLength);
                    }
                    int i = (int) readLong(receiver.payload, offset);
                    if ((received.get() & 0xfff) == 0) {
                        Envelope e = Envelope.parseFrom(ByteBuffer.wrap(receiver.payload, 0, receiver.payloadLength));
                        if (e.getPlain().asReadOnlyByteBuffer().getLong(0) != i || e.getSource().getTwin() != SENDER) {
                            throw new IllegalStateException("unexpected envelope " + e.getUid());
                        }
                    }
                    fromSchedule[i] = now - (base + i * period);
                    fromSend[i] = now - sentAt[i];
                    received.incrementAndGet();
                }
            } catch (IOException e) {
                // closed at the end
            }
        });
        Thread.ofPlatform().daemon().name("sender-rx").start(() -> {
            try {
                while (sender.readFrame() >= 0) {
                    System.out.println("relay answered the sender (unexpected)");
                }
            } catch (IOException e) {
                // closed at the end
            }
        });
        for (int i = 0; i < total; i++) {
            long due = base + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            sentAt[i] = System.nanoTime();
            sender.write(pool, i * frameLen, frameLen);
        }
        rx.join(10_000);
        int got = received.get();
        long[] a = Arrays.copyOfRange(fromSchedule, warm, total);
        long[] b = Arrays.copyOfRange(fromSend, warm, total);
        long lost = Arrays.stream(a).filter(x -> x < 0).count();
        Arrays.sort(a);
        Arrays.sort(b);
        System.out.printf("latency: %d envelopes at %d/s for %d s after %d s warm-up; received %d of %d (lost %d in the measured part)%n",
                total - warm, rate, seconds, warmupSeconds, got, total, lost);
        System.out.printf("latency from scheduled send time: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n",
                pct(a, 50), pct(a, 90), pct(a, 99), pct(a, 99.9), a[a.length - 1] / 1e6);
        System.out.printf("latency from actual write:          p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n",
                pct(b, 50), pct(b, 90), pct(b, 99), pct(b, 99.9), b[b.length - 1] / 1e6);
        System.out.printf("RESULT latency_p50_ms=%.3f latency_p99_ms=%.3f lost=%d%n", pct(a, 50), pct(a, 99), lost);
        sender.close();
        receiver.close();
    }

    private static double pct(long[] sorted, double p) {
        int idx = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
        return sorted[Math.max(0, idx)] / 1e6;
    }

    // ---------------------------------------------------------------- sessions

    static void sessions(int port, int n, int threads, int holdSeconds) throws Exception {
        System.out.println("sessions: relay before connecting: " + get(port, "/bench/heap").trim());
        long t0 = System.nanoTime();
        // websocket pings every 20 s, as real peers send them, so the relay's idle timeout (60 s) closes
        // none of the sessions however long connecting all of them takes on a busy machine
        var open = new java.util.concurrent.ConcurrentLinkedQueue<BenchWebSocket>();
        byte[] ping = BenchWebSocket.frame(BenchWebSocket.OP_PING, new byte[0]);
        var pinger = Thread.ofPlatform().daemon().start(() -> {
            while (true) {
                try {
                    Thread.sleep(20_000);
                    for (var ws : open) {
                        ws.write(ping);
                    }
                } catch (Exception e) {
                    return;
                }
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<BenchWebSocket>>> parts = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int from = 1 + w * n / threads;
            int to = (w + 1) * n / threads;
            parts.add(pool.submit(() -> {
                List<BenchWebSocket> mine = new ArrayList<>();
                for (long t = from; t <= to; t++) {
                    var ws = BenchWebSocket.connect("127.0.0.1", port, BenchTwins.token(t, BenchTwins.key(t)), 512);
                    mine.add(ws);
                    open.add(ws);
                }
                return mine;
            }));
        }
        List<BenchWebSocket> all = new ArrayList<>();
        for (var f : parts) {
            all.addAll(f.get());
        }
        pool.shutdown();
        long connectedNanos = System.nanoTime() - t0;
        awaitSessions(port, n);
        System.out.printf("sessions: %d authenticated websocket sessions open in %.2f s (%d client threads; JWT signing and key derivation included)%n",
                all.size(), connectedNanos / 1e9, threads);
        String heap = get(port, "/bench/heap").trim();
        System.out.println("sessions: relay with sessions open: " + heap);
        Matcher m = Pattern.compile("sessions=(\\d+) heap_used_after_gc=(\\d+)").matcher(heap);
        if (m.find()) {
            System.out.printf("RESULT sessions=%s heap_used_after_gc_mib=%.1f%n", m.group(1), Long.parseLong(m.group(2)) / 1048576.0);
        }
        Thread.sleep(holdSeconds * 1000L);
        pinger.interrupt();
        for (var ws : all) {
            ws.close();
        }
    }

    // ---------------------------------------------------------------- relay state

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static String get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static void awaitSessions(int port, int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Pattern p = Pattern.compile("(?m)^relay_sessions (\\d+)$");
        while (true) {
            Matcher m = p.matcher(get(port, "/metrics"));
            int now = m.find() ? Integer.parseInt(m.group(1)) : -1;
            if (now >= n) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + now + " of " + n + " sessions registered at the relay");
            }
            Thread.sleep(100);
        }
    }
}
