package dev.zos.grid.bench.registry;

import dev.zos.core.identity.TwinKey;
import dev.zos.grid.registry.CommitStats;
import dev.zos.grid.registry.Registry;
import dev.zos.grid.registry.RegistryOptions;
import dev.zos.grid.registry.SubmitResult;
import dev.zos.core.registry.model.Location;
import dev.zos.core.registry.model.NodeInterface;
import dev.zos.core.registry.model.Power;
import dev.zos.core.registry.model.Resources;
import dev.zos.core.registry.tx.SignedTransaction;
import dev.zos.core.registry.tx.TransactionBuilder;
import dev.zos.core.registry.tx.TxBody;
import dev.zos.core.registry.tx.TxCodec;
import dev.zos.grid.server.GridConfig;
import dev.zos.grid.server.GridService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Registry benchmarks (issue 3): signed-transaction throughput over {@code POST /tx} with 64 concurrent clients,
 * {@code /nodes} filtered-query latency with 10,000 registered nodes, and {@code zos-grid serve} start time.
 * Every phase is bounded by counts and stops by itself; servers are child processes that are always stopped.
 * <pre>
 * java -cp CP dev.zos.grid.bench.registry.RegistryBench tx       WORKDIR [runs] [clients] [txPerClient]
 * java -cp CP dev.zos.grid.bench.registry.RegistryBench uptime   WORKDIR [runs] [clients] [txPerClient]
 * java -cp CP dev.zos.grid.bench.registry.RegistryBench batches  WORKDIR [clients] [txPerClient]
 * java -cp CP dev.zos.grid.bench.registry.RegistryBench populate WORKDIR/populated [nodes]
 * java -cp CP dev.zos.grid.bench.registry.RegistryBench query    WORKDIR/populated [runs] [queries] [clients]
 * java -cp CP dev.zos.grid.bench.registry.RegistryBench startup  WORKDIR [runs] [populatedDir]
 * </pre>
 */
public final class RegistryBench {
    static final String GRID_MAIN = "dev.zos.grid.GridMain";
    static final List<String> SERVER_JVM = Stream.concat(Stream.of("-Xshare:auto"),
            Arrays.stream(System.getProperty("bench.serverJvmArgs", "").split(" ")).filter(a -> !a.isBlank())).toList();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RegistryBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: RegistryBench tx|uptime|batches|populate|query|startup WORKDIR [...]");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "tx" -> txRuns(dir, intArg(args, 2, 3), intArg(args, 3, 64), intArg(args, 4, 250), false);
            case "uptime" -> txRuns(dir, intArg(args, 2, 3), intArg(args, 3, 64), intArg(args, 4, 250), true);
            case "batches" -> batches(dir, intArg(args, 2, 64), intArg(args, 3, 250));
            case "populate" -> populate(dir, intArg(args, 2, 10_000));
            case "query" -> queryRuns(dir, intArg(args, 2, 3), intArg(args, 3, 2_400));
            case "startup" -> startupRuns(dir, intArg(args, 2, 3), args.length > 3 ? Path.of(args[3]) : null);
            default -> throw new IllegalArgumentException("unknown phase " + args[0]);
        }
        System.exit(0);
    }

    private static int intArg(String[] args, int i, int dflt) {
        return args.length > i ? Integer.parseInt(args[i]) : dflt;
    }

    // ------------------------------------------------------------------------------------------ POST /tx

    private static void txRuns(Path work, int runs, int clients, int perClient, boolean uptime) throws Exception {
        String what = uptime ? "node.uptime" : "twin.create";
        System.out.printf(Locale.ROOT, "== POST /tx throughput: %s, %d clients x %d tx, %d runs (SQLite, synchronous=FULL)%n",
                what, clients, perClient, runs);
        var rates = new ArrayList<Double>();
        for (int run = 1; run <= runs; run++) {
            Path data = freshDir(work.resolve("tx-" + what + "-" + run));
            try (var grid = GridProcess.start(GRID_MAIN, data, SERVER_JVM)) {
                var r = uptime ? uptimeLoad(grid.base, clients, perClient, grid) : twinCreateLoad(grid.base, clients, perClient, grid);
                System.out.printf(Locale.ROOT, "run %d: %s [load avg %s]%n", run, r, loadAvg());
                rates.add(r.perSecond);
            }
        }
        System.out.printf(Locale.ROOT, "RESULT tx %s median %.0f tx/s (runs %s)%n", what, median(rates), fmt(rates));
    }

    /** One in-process run of the same twin.create load, reading {@link Registry#commitStats()} around it. */
    private static void batches(Path work, int clients, int perClient) throws Exception {
        Path data = freshDir(work.resolve("tx-batches"));
        var config = new GridConfig(new GridConfig.Listen("127.0.0.1", 0), data, null, null, Duration.ofMinutes(40));
        try (var service = GridService.start(config)) {
            String base = "http://127.0.0.1:" + service.server().port();
            for (String what : List.of("twin.create", "node.uptime")) {
                CommitStats before = service.registry().commitStats();
                var r = what.equals("twin.create") ? twinCreateLoad(base, clients, perClient, null)
                        : uptimeLoad(base, clients, perClient, null);
                CommitStats after = service.registry().commitStats();
                long b = after.batches() - before.batches();
                long t = after.transactions() - before.transactions();
                System.out.printf(Locale.ROOT, "in-process %s: %s%n", what, r);
                System.out.printf(Locale.ROOT, "RESULT batches %s: %d transactions in %d group commits, mean %.1f per commit%n",
                        what, t, b, b == 0 ? 0.0 : (double) t / b);
            }
        }
    }

    record LoadResult(long ok, long failed, double seconds, double perSecond, double p50Ms, double p99Ms, String firstError,
                      double serverCpuMs, double clientCpuMs) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d accepted, %d refused in %.2f s = %.0f tx/s, latency p50 %.1f ms p99 %.1f ms;"
                            + " CPU per tx: server %s, load generator %.3f ms%s",
                    ok, failed, seconds, perSecond, p50Ms, p99Ms,
                    serverCpuMs < 0 ? "n/a" : String.format(Locale.ROOT, "%.3f ms", serverCpuMs / ok), clientCpuMs / ok,
                    firstError == null ? "" : " (first refusal: " + firstError + ")");
        }
    }

    private static LoadResult twinCreateLoad(String base, int clients, int perClient, GridProcess grid) throws Exception {
        int warm = warmupPerClient(perClient);
        var bodies = new byte[clients][warm + perClient][];
        presign(clients, c -> {
            for (int i = 0; i < warm + perClient; i++) {
                var key = TwinKey.fromSeed(seed());
                bodies[c][i] = TxCodec.encode(TransactionBuilder.twinCreate(key, "wss://relay.bench.example", null));
            }
        });
        return warmThenPost(base, bodies, warm, grid);
    }

    /** Each client registers its own twin and node (untimed), then sends pre-signed uptime reports. */
    private static LoadResult uptimeLoad(String base, int clients, int perClient, GridProcess grid) throws Exception {
        try (var http = HttpClient.newHttpClient()) {
            var farmer = TwinKey.fromSeed(seed());
            long farmerTwin = submit(http, base, TransactionBuilder.twinCreate(farmer, "wss://relay.bench.example", null));
            long farm = submit(http, base, TransactionBuilder.forTwin(farmer, farmerTwin)
                    .farmCreate("bench-farm-" + Long.toHexString(RANDOM.nextLong()), 1, List.of()));
            int warm = warmupPerClient(perClient);
            var bodies = new byte[clients][warm + perClient][];
            var setup = new ArrayList<CompletableFuture<Void>>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                setup.add(CompletableFuture.runAsync(() -> {
                    var key = TwinKey.fromSeed(seed());
                    long twin = submit(http, base, TransactionBuilder.twinCreate(key, "wss://relay.bench.example", null));
                    var b = TransactionBuilder.forTwin(key, twin).nonceFrom(0);
                    long node = submit(http, base, b.nodeRegister(farm, resources(client), location(client),
                            List.of(), "serial-" + client, false));
                    for (int i = 0; i < warm + perClient; i++) {
                        bodies[client][i] = TxCodec.encode(b.nodeUptime(node, 1_000 + i));
                    }
                }));
            }
            setup.forEach(CompletableFuture::join);
            return warmThenPost(base, bodies, warm, grid);
        }
    }

    /** Untimed transactions each client sends first, so the timed part runs on JIT-compiled code. */
    static int warmupPerClient(int perClient) {
        return Integer.getInteger("bench.warmupPerClient", Math.max(10, perClient / 2));
    }

    private static LoadResult warmThenPost(String base, byte[][][] bodies, int warm, GridProcess grid) throws Exception {
        var w = new byte[bodies.length][][];
        var t = new byte[bodies.length][][];
        for (int c = 0; c < bodies.length; c++) {
            w[c] = Arrays.copyOfRange(bodies[c], 0, warm);
            t[c] = Arrays.copyOfRange(bodies[c], warm, bodies[c].length);
        }
        var wr = post(base, w, null);
        System.out.printf(Locale.ROOT, "   warm-up (untimed): %s%n", wr);
        return post(base, t, grid);
    }

    private static void presign(int clients, java.util.function.IntConsumer perClient) {
        var cfs = new ArrayList<CompletableFuture<Void>>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            cfs.add(CompletableFuture.runAsync(() -> perClient.accept(client)));
        }
        cfs.forEach(CompletableFuture::join);
    }

    /** {@code bodies[c]} are sent in order by client c, one request in flight per client. */
    private static LoadResult post(String base, byte[][][] bodies, GridProcess grid) throws Exception {
        int clients = bodies.length;
        var ok = new AtomicLong();
        var failed = new AtomicLong();
        var firstError = new java.util.concurrent.atomic.AtomicReference<String>();
        var latencies = new long[clients][];
        var ready = new CountDownLatch(clients);
        var start = new CountDownLatch(1);
        var done = new CountDownLatch(clients);
        var threads = new ArrayList<Thread>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads.add(Thread.ofPlatform().name("client-" + c).start(() -> {
                var lat = new long[bodies[client].length];
                latencies[client] = lat;
                // one keep-alive connection per client, opened and request bytes built before timing
                try (var http = new RawHttp(base)) {
                    var requests = Arrays.stream(bodies[client]).map(b -> http.post("/tx", b)).toArray(byte[][]::new);
                    http.send(http.get("/version"));
                    ready.countDown();
                    start.await();
                    for (int i = 0; i < requests.length; i++) {
                        long t0 = System.nanoTime();
                        var resp = http.send(requests[i]);
                        lat[i] = System.nanoTime() - t0;
                        if (resp.status() == 200) {
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            firstError.compareAndSet(null, resp.status() + " " + resp.text());
                        }
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                    firstError.compareAndSet(null, e.toString());
                } finally {
                    ready.countDown();
                    done.countDown();
                }
            }));
        }
        ready.await();
        long serverCpu0 = serverCpuNanos(grid);
        long clientCpu0 = clientCpuNanos();
        long t0 = System.nanoTime();
        start.countDown();
        done.await();
        double seconds = (System.nanoTime() - t0) / 1e9;
        double serverCpuMs = grid == null ? -1 : (serverCpuNanos(grid) - serverCpu0) / 1e6;
        double clientCpuMs = (clientCpuNanos() - clientCpu0) / 1e6;
        for (var t : threads) {
            t.join();
        }
        long[] all = Arrays.stream(latencies).filter(a -> a != null).flatMapToLong(Arrays::stream)
                .filter(v -> v > 0).sorted().toArray();
        return new LoadResult(ok.get(), failed.get(), seconds, ok.get() / seconds, pct(all, 50), pct(all, 99),
                firstError.get(), serverCpuMs, clientCpuMs);
    }

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    private static long submit(HttpClient http, String base, SignedTransaction stx) {
        try {
            var resp = http.send(HttpRequest.newBuilder(URI.create(base + "/tx"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(TxCodec.encode(stx))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() != 200) {
                throw new IllegalStateException("setup transaction refused: " + resp.statusCode() + " " + resp.body());
            }
            Matcher m = ID.matcher(resp.body());
            if (!m.find()) {
                throw new IllegalStateException("no id in " + resp.body());
            }
            return Long.parseLong(m.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    // -------------------------------------------------------------------------------------- populate

    private static final String[] COUNTRIES = {"Belgium", "Egypt", "Germany", "Netherlands", "United States",
        "Tanzania", "India", "Brazil", "Japan", "Austria", "Finland", "Spain", "Italy", "Canada", "Kenya",
        "Switzerland", "France", "Singapore", "Australia", "Chile"};
    static final int FARMS = 100;

    static Resources resources(int i) {
        long gib = 1L << 30;
        return new Resources(4 + (i % 8) * 4, (8 + (i % 16) * 16) * gib, (256 + (i % 10) * 512) * gib,
                (i % 3 == 0 ? 0 : (2_000 + (i % 7) * 2_000)) * gib);
    }

    static Location location(int i) {
        return new Location(COUNTRIES[i % COUNTRIES.length], "city-" + (i % 50), (i % 80) + ".5", (i % 170) + ".25");
    }

    /**
     * Registers 10,000 nodes through the registry API (not timed as a benchmark): a farmer twin with 100
     * farms (every other one with 8 public ips), one twin per node, a node per twin, uptime reports for 70 %
     * of them (up), a power-state-down report for 10 % (standby); the rest stay down.
     */
    private static void populate(Path dir, int nodes) throws Exception {
        Path data = freshDir(dir);
        long t0 = System.nanoTime();
        try (var registry = Registry.open(data.resolve("registry.db").toString(), RegistryOptions.defaults())) {
            var farmerKey = TwinKey.fromSeed(seed());
            long farmerTwin = registry.submit(TransactionBuilder.twinCreate(farmerKey, "wss://relay.bench.example", null))
                    .assignedId();
            var farmer = TransactionBuilder.forTwin(farmerKey, farmerTwin).nonceFrom(0);
            var farms = new ArrayList<SignedTransaction>();
            for (int f = 0; f < FARMS; f++) {
                var ips = new ArrayList<TxBody.IpInput>();
                if (f % 2 == 0) {
                    for (int k = 0; k < 8; k++) {
                        ips.add(new TxBody.IpInput("185.69." + f + "." + (10 + k) + "/24", "185.69." + f + ".1"));
                    }
                }
                farms.add(farmer.farmCreate("farm-" + f, 1, ips));
            }
            var farmIds = submitAll(registry, farms).stream().map(SubmitResult::assignedId).toList();
            var keys = new TwinKey[nodes];
            var creates = new SignedTransaction[nodes];
            presign(2, half -> {
                for (int i = half; i < nodes; i += 2) {
                    keys[i] = TwinKey.fromSeed(seed());
                    creates[i] = TransactionBuilder.twinCreate(keys[i], "wss://relay.bench.example", null);
                }
            });
            var twins = submitAll(registry, Arrays.asList(creates)).stream().map(SubmitResult::assignedId).toList();
            var builders = new TransactionBuilder[nodes];
            var regs = new SignedTransaction[nodes];
            presign(2, half -> {
                for (int i = half; i < nodes; i += 2) {
                    builders[i] = TransactionBuilder.forTwin(keys[i], twins.get(i)).nonceFrom(0);
                    var ifaces = List.of(new NodeInterface("zos", "02:00:00:%02x:%02x:%02x".formatted(i >> 16 & 255,
                            i >> 8 & 255, i & 255), List.of("10.%d.%d.%d".formatted(i >> 16 & 255, i >> 8 & 255, i & 255))));
                    regs[i] = builders[i].nodeRegister(farmIds.get(i % FARMS), resources(i), location(i), ifaces,
                            "serial-" + i, i % 5 == 0);
                }
            });
            var nodeIds = submitAll(registry, Arrays.asList(regs)).stream().map(SubmitResult::assignedId).toList();
            var reports = new SignedTransaction[nodes];
            presign(2, half -> {
                for (int i = half; i < nodes; i += 2) {
                    int bucket = i % 10;
                    if (bucket < 7) {
                        reports[i] = builders[i].nodeUptime(nodeIds.get(i), 3_600L * (1 + i % 500));
                    } else if (bucket == 7) {
                        reports[i] = builders[i].nodePowerState(nodeIds.get(i), Power.DOWN);
                    }
                }
            });
            submitAll(registry, Arrays.stream(reports).filter(r -> r != null).toList());
            System.out.printf(Locale.ROOT, "populated %s: %d twins, %d farms, %d nodes, %d log entries in %.1f s%n", data,
                    nodes + 1, FARMS, nodes, registry.head(), (System.nanoTime() - t0) / 1e9);
        }
    }

    private static List<SubmitResult> submitAll(Registry registry, List<SignedTransaction> txs) {
        var futures = new ArrayList<CompletableFuture<SubmitResult>>(txs.size());
        var out = new ArrayList<SubmitResult>(txs.size());
        for (var tx : txs) {
            futures.add(registry.submitAsync(tx));
            if (futures.size() == 2_000) {
                futures.forEach(f -> out.add(f.join()));
                futures.clear();
            }
        }
        futures.forEach(f -> out.add(f.join()));
        return out;
    }

    // ----------------------------------------------------------------------------------------- /nodes

    /** The filter mixes: what a deployer (dashboard, terraform) asks grid-proxy for. */
    static Map<String, java.util.function.IntFunction<String>> mixes() {
        var m = new LinkedHashMap<String, java.util.function.IntFunction<String>>();
        long gib = 1L << 30;
        m.put("farm+status+mru", i -> "/nodes?farm_ids=" + (1 + i % FARMS) + "," + (1 + (i * 7) % FARMS)
                + "&status=up&free_mru=" + (16 * gib * (1 + i % 8)) + "&size=50");
        m.put("status+mru+sru+hru", i -> "/nodes?status=up&free_mru=" + (64 * gib) + "&free_sru=" + (1_000 * gib)
                + "&free_hru=" + (1 + i % 5) * 1_000 * gib + "&size=50&page=" + (1 + i % 3));
        m.put("country+ips+count", i -> "/nodes?country=" + COUNTRIES[i % COUNTRIES.length].replace(" ", "%20")
                + "&free_ips=1&status=up,standby&size=50&ret_count=true");
        m.put("sort_free_mru_desc", i -> "/nodes?status=up&sort_by=free_mru&sort_order=desc&size=50&page=" + (1 + i % 5));
        m.put("all_page", i -> "/nodes?size=50&page=" + (1 + i % 200) + "&ret_count=true");
        m.put("twin_id", i -> "/nodes?twin_id=" + (2 + (i * 37) % 10_000));
        return m;
    }

    /** One server start (opening 10,000 nodes is slow), then {@code runs} measured rounds with 1 and with 4 clients. */
    private static void queryRuns(Path data, int runs, int queries) throws Exception {
        try (var grid = GridProcess.start(GRID_MAIN, data, SERVER_JVM);
             var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            System.out.printf(Locale.ROOT, "(server on %s opened in %.0f ms)%n", data, grid.healthMs);
            var mixes = new ArrayList<>(mixes().entrySet());
            // warm-up: not measured
            for (int i = 0; i < 600; i++) {
                get(http, grid.base + mixes.get(i % mixes.size()).getValue().apply(i));
            }
            for (int clients : List.of(1, 4)) {
                queryRounds(grid, http, mixes, runs, queries, clients);
            }
        }
    }

    private static void queryRounds(GridProcess grid, HttpClient http,
                                    List<Map.Entry<String, java.util.function.IntFunction<String>>> mixes,
                                    int runs, int queries, int clients) throws Exception {
        System.out.printf(Locale.ROOT, "== GET /nodes latency: %d queries per run over %d filter mixes, %d client(s), %d runs%n",
                queries, mixes.size(), clients, runs);
        var p99s = new ArrayList<Double>();
        var perMix = new LinkedHashMap<String, List<Double>>();
        for (int run = 1; run <= runs; run++) {
            {
                var samples = new long[clients][];
                var mixOf = new int[clients][];
                var threads = new ArrayList<Thread>();
                var rows = new AtomicLong();
                long cpu0 = serverCpuNanos(grid);
                long t0 = System.nanoTime();
                for (int c = 0; c < clients; c++) {
                    int client = c;
                    threads.add(Thread.ofPlatform().start(() -> {
                        int n = queries / clients;
                        samples[client] = new long[n];
                        mixOf[client] = new int[n];
                        for (int k = 0; k < n; k++) {
                            int i = k * clients + client;
                            int mix = i % mixes.size();
                            String path = mixes.get(mix).getValue().apply(i / mixes.size());
                            long s = System.nanoTime();
                            rows.addAndGet(get(http, grid.base + path));
                            samples[client][k] = System.nanoTime() - s;
                            mixOf[client][k] = mix;
                        }
                    }));
                }
                for (var t : threads) {
                    t.join();
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                double cpuPerQuery = (serverCpuNanos(grid) - cpu0) / 1e6 / (queries / clients * clients);
                long[] all = Arrays.stream(samples).flatMapToLong(Arrays::stream).sorted().toArray();
                System.out.printf(Locale.ROOT, "run %d: %d queries in %.2f s (%.0f q/s), %d bytes of JSON; all mixes: p50 %.2f p95 %.2f p99 %.2f max %.2f ms; server CPU %.2f ms/query [load avg %s]%n",
                        run, all.length, secs, all.length / secs, rows.get(), pct(all, 50), pct(all, 95), pct(all, 99),
                        all[all.length - 1] / 1e6, cpuPerQuery, loadAvg());
                p99s.add(pct(all, 99));
                for (int m = 0; m < mixes.size(); m++) {
                    int mix = m;
                    var list = new ArrayList<Long>();
                    for (int c = 0; c < clients; c++) {
                        for (int k = 0; k < samples[c].length; k++) {
                            if (mixOf[c][k] == mix) {
                                list.add(samples[c][k]);
                            }
                        }
                    }
                    long[] s = list.stream().mapToLong(Long::longValue).sorted().toArray();
                    System.out.printf(Locale.ROOT, "   %-20s n=%4d p50 %6.2f p99 %6.2f max %6.2f ms   e.g. %s%n",
                            mixes.get(m).getKey(), s.length, pct(s, 50), pct(s, 99), s[s.length - 1] / 1e6,
                            mixes.get(m).getValue().apply(1));
                    perMix.computeIfAbsent(mixes.get(m).getKey(), k -> new ArrayList<>()).add(pct(s, 99));
                }
            }
        }
        perMix.forEach((k, v) -> System.out.printf(Locale.ROOT, "RESULT nodes %s p99 median %.2f ms (runs %s)%n", k, median(v), fmt(v)));
        System.out.printf(Locale.ROOT, "RESULT nodes all-mixes p99 median %.2f ms with %d client(s) (runs %s)%n",
                median(p99s), clients, fmt(p99s));
    }

    private static long get(HttpClient http, String url) {
        try {
            var resp = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (resp.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + resp.statusCode() + " " + new String(resp.body()));
            }
            return resp.body().length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    // ----------------------------------------------------------------------------------------- startup

    private static void startupRuns(Path work, int runs, Path populated) throws Exception {
        startupRuns(work, runs, populated, SERVER_JVM, "");
        String aot = System.getProperty("bench.aotCache");
        if (aot != null) {
            // JDK 25 AOT cache (JEP 483/514): one training run that starts, answers /health and /nodes, and exits
            Files.deleteIfExists(Path.of(aot));
            // -Xshare flags cannot be combined with the AOT cache options
            var plain = SERVER_JVM.stream().filter(a -> !a.startsWith("-Xshare")).toList();
            var train = new ArrayList<>(plain);
            train.add("-XX:AOTCacheOutput=" + aot);
            try (var grid = GridProcess.start(GRID_MAIN, freshDir(work.resolve("startup-aot-train")), train);
                 var http = new RawHttp(grid.base)) {
                http.send(http.get("/nodes?status=up&size=50"));
                http.send(http.get("/stats"));
            }
            for (int i = 0; i < 100 && !Files.exists(Path.of(aot)); i++) {
                Thread.sleep(100);
            }
            var use = new ArrayList<>(plain);
            use.add("-XX:AOTCache=" + aot);
            startupRuns(work, runs, null, use, " with -XX:AOTCache");
        }
    }

    private static void startupRuns(Path work, int runs, Path populated, List<String> jvm, String label) throws Exception {
        System.out.printf(Locale.ROOT, "== zos-grid serve start-up%s, %d runs each%n", label, runs);
        var banner = new ArrayList<Double>();
        var health = new ArrayList<Double>();
        for (int run = 1; run <= runs; run++) {
            Path data = freshDir(work.resolve("startup-empty-" + run));
            try (var grid = GridProcess.start(GRID_MAIN, data, jvm)) {
                System.out.printf(Locale.ROOT, "empty run %d: banner %.0f ms, /health 200 at %.0f ms, server CPU by then %.0f ms [load avg %s]%n", run, grid.bannerMs, grid.healthMs, grid.cpuMsAtHealth, loadAvg());
                banner.add(grid.bannerMs);
                health.add(grid.healthMs);
            }
        }
        System.out.printf(Locale.ROOT, "RESULT startup%s empty: banner median %.0f ms (runs %s), /health median %.0f ms (runs %s)%n",
                label, median(banner), fmt(banner), median(health), fmt(health));
        if (populated != null) {
            banner.clear();
            health.clear();
            for (int run = 1; run <= runs; run++) {
                try (var grid = GridProcess.start(GRID_MAIN, populated, jvm)) {
                    System.out.printf(Locale.ROOT, "populated run %d: banner %.0f ms, /health 200 at %.0f ms, server CPU by then %.0f ms [load avg %s]%n", run, grid.bannerMs, grid.healthMs, grid.cpuMsAtHealth, loadAvg());
                    banner.add(grid.bannerMs);
                    health.add(grid.healthMs);
                }
            }
            System.out.printf(Locale.ROOT, "RESULT startup%s populated (%s): banner median %.0f ms (runs %s), /health median %.0f ms (runs %s)%n",
                    label, populated, median(banner), fmt(banner), median(health), fmt(health));
        }
    }

    // ----------------------------------------------------------------------------------------- helpers

    private static long serverCpuNanos(GridProcess grid) {
        return grid == null ? 0 : grid.process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static long clientCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static String loadAvg() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (IOException e) {
            return "?";
        }
    }

    private static byte[] seed() {
        var s = new byte[32];
        RANDOM.nextBytes(s);
        return s;
    }

    static Path freshDir(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    static double median(List<Double> v) {
        var s = v.stream().sorted().toList();
        return s.isEmpty() ? 0 : s.get(s.size() / 2);
    }

    static String fmt(List<Double> v) {
        return v.stream().map(d -> String.format(Locale.ROOT, "%.1f", d)).toList().toString();
    }
}
