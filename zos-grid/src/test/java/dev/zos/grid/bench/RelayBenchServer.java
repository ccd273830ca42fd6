package dev.zos.grid.bench;

import dev.zos.core.rmb.peer.TwinInfo;
import dev.zos.grid.http.Http;
import dev.zos.grid.relay.LocalSwitch;
import dev.zos.grid.relay.Relay;
import dev.zos.grid.relay.RelayHttp;
import dev.zos.grid.relay.RelayOptions;
import dev.zos.grid.server.GridConfig;
import dev.zos.grid.server.GridServer;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.pathmap.PathSpec;

/**
 * The relay under test, alone in its JVM: GridServer + Relay on loopback with a fixed map of twins
 * whose keys come from {@link BenchTwins}. Prints {@code PORT <n>} once listening and exits by itself
 * after {@code --max-seconds}. {@code GET /bench/heap} runs a full GC and reports the heap in use.
 *
 * <p>Arguments: {@code --twins N} (default 10000), {@code --rate R} envelopes/s per twin for the rate
 * limiter (default 1,000,000, so the limiter never throttles the benchmark), {@code --max-seconds S}.
 */
public final class RelayBenchServer {
    public static void main(String[] args) throws Exception {
        int twins = 10_000;
        double rate = 1_000_000;
        long maxSeconds = 900;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--twins" -> twins = Integer.parseInt(args[i + 1]);
                case "--rate" -> rate = Double.parseDouble(args[i + 1]);
                case "--max-seconds" -> maxSeconds = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        long t0 = System.nanoTime();
        Map<Long, TwinInfo> map = new HashMap<>();
        for (long t = 1; t <= twins; t++) {
            map.put(t, new TwinInfo(t, BenchTwins.key(t).publicKey(), null));
        }
        var options = RelayOptions.defaults().withRate(rate, (int) Math.min(Integer.MAX_VALUE, Math.max(rate, 1)));
        var sw = new LocalSwitch(options, Clock.systemUTC());
        var relay = new Relay(twin -> Optional.ofNullable(map.get(twin)), sw, options, Clock.systemUTC());
        var heapRoute = new GridServer.Route(PathSpec.from("/bench/heap"), Http.handler((req, resp, cb) -> {
            Http.text(resp, cb, 200, "text/plain", heap(sw));
            return true;
        }));
        var allocRoute = new GridServer.Route(PathSpec.from("/bench/allocated"), Http.handler((req, resp, cb) -> {
            Http.text(resp, cb, 200, "text/plain", Long.toString(allocatedBytes()));
            return true;
        }));
        var server = new GridServer(new GridConfig.Listen("127.0.0.1", 0),
                List.of(RelayHttp.metrics(relay), heapRoute, allocRoute), List.of(RelayHttp.upgrade(relay))).start();
        long lifetime = maxSeconds;
        Thread.ofPlatform().daemon().start(() -> {
            try {
                Thread.sleep(lifetime * 1000);
            } catch (InterruptedException ignored) {
                // exit anyway
            }
            System.err.println("relay bench server: --max-seconds reached, exiting");
            Runtime.getRuntime().halt(0);
        });
        System.out.printf("relay: %d twins, rate limit %.0f/s burst %d per twin, started in %d ms, pid %d%n",
                twins, options.ratePerSecond(), options.rateBurst(), (System.nanoTime() - t0) / 1_000_000,
                ProcessHandle.current().pid());
        System.out.println("PORT " + server.port());
        System.out.flush();
        server.join();
    }

    /** Bytes allocated so far by all threads of this JVM (HotSpot's per-thread allocation counters). */
    static long allocatedBytes() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return threads.getTotalThreadAllocatedBytes();
    }

    /** Full GC, then the heap in use: what the sessions and the relay really keep. */
    static String heap(LocalSwitch sw) {
        var mem = ManagementFactory.getMemoryMXBean();
        System.gc();
        System.gc();
        var heap = mem.getHeapMemoryUsage();
        var nonHeap = mem.getNonHeapMemoryUsage();
        return "sessions=" + sw.sessions()
                + " heap_used_after_gc=" + heap.getUsed()
                + " heap_committed=" + heap.getCommitted()
                + " heap_max=" + heap.getMax()
                + " non_heap_used=" + nonHeap.getUsed()
                + " threads=" + ManagementFactory.getThreadMXBean().getThreadCount()
                + "\n";
    }
}
