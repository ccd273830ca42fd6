package dev.zos.cli.bench.deploy;

import dev.zos.cli.deploy.Deployer;
import dev.zos.cli.deploy.DeploymentWatch;
import dev.zos.cli.deploy.NodeClient;
import dev.zos.cli.deploy.Owner;
import dev.zos.cli.deploy.Spinner;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.ResultState;
import dev.zos.core.gridtypes.json.DeploymentReader;
import dev.zos.core.gridtypes.sign.DeploymentSigner;
import dev.zos.core.identity.IdentityStore;
import dev.zos.core.registry.client.GridSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Issue 5's deploy round trip, JVM start excluded: in this one JVM, a fresh identity and twin, a farm, and a real
 * {@code zos-node run} child process (process mode, data dir under {@code --work}); then, per round, a deployment
 * with one zmount is built, signed, its contract created and it is sent and waited for through the very classes
 * {@code zos deploy} uses ({@link Owner}, {@link DeploymentSigner}, {@link Deployer}, {@link NodeClient},
 * {@link DeploymentWatch}), and cancelled (contract cancel + {@code zos.deployment.delete}, untimed).
 * <p>
 * A second, "probe" phase sends the same deployments but polls {@code zos.deployment.get} back to back instead of
 * through the watch: the first "ok" seen bounds the node's provisioning time (incl. mkfs.ext4) to within one get.
 * Prints one {@code key=value} line per result; run by {@code bench/deploy/run.sh}.
 * <pre>{@code DeployBench --grid URL --node-bin bin/zos-node --work DIR [--warmup 5] [--runs 50] [--probe 20] [--size 64MiB]}</pre>
 */
public final class DeployBench {
    private static final Pattern NODE_LINE = Pattern.compile("zos-node: node (\\d+) \\(twin");

    public static void main(String[] args) throws Exception {
        String grid = null;
        String nodeBin = "bin/zos-node";
        Path work = null;
        int warmup = 5;
        int runs = 50;
        int probe = 20;
        String size = "64MiB";
        for (int i = 0; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--grid" -> grid = v;
                case "--node-bin" -> nodeBin = v;
                case "--work" -> work = Path.of(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--runs" -> runs = Integer.parseInt(v);
                case "--probe" -> probe = Integer.parseInt(v);
                case "--size" -> size = v;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (grid == null || work == null) {
            throw new IllegalArgumentException("--grid URL and --work DIR are required");
        }
        Files.createDirectories(work);

        Path config = work.resolve("config");
        var store = new IdentityStore(config);
        store.create("bench", 12);
        store.use("bench");
        GridSession session = GridSession.open(config, grid);
        long twin = session.ensureTwin().twin().twinId();
        long farm = session.client().submit(session.signer().farmCreate("bench_" + ProcessHandle.current().pid(), 1, List.of())).id();
        System.out.println("twin=" + twin + " farm=" + farm);

        Process node = startNode(nodeBin, grid, farm, work);
        try {
            long nodeId = awaitNode(node, work.resolve("node.log"));
            System.out.println("node=" + nodeId + " node_pid=" + node.pid());
            run(session, twin, nodeId, warmup, runs, probe, size);
        } finally {
            node.destroy();
            if (!node.waitFor(15, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }

    private static void run(GridSession session, long twin, long nodeId, int warmup, int runs, int probe, String size) {
        var quiet = new PrintWriter(Writer.nullWriter());
        try (var nodes = NodeClient.open(session, NodeClient.DEFAULT_TIMEOUT)) {
            var deployer = new Deployer(session, nodes);
            var watch = new DeploymentWatch(nodes, quiet, new Spinner(quiet, false));
            var total = new ArrayList<Double>();
            var sign = new ArrayList<Double>();
            var contract = new ArrayList<Double>();
            var send = new ArrayList<Double>();
            var wait = new ArrayList<Double>();
            for (int i = 0; i < warmup + runs; i++) {
                long t0 = System.nanoTime();
                Deployment signed = signed(twin, session, i, size);
                long t1 = System.nanoTime();
                long id = deployer.contract(nodeId, signed);
                long t2 = System.nanoTime();
                deployer.send(nodeId, signed.withContractId(id));
                long t3 = System.nanoTime();
                watch.until(nodeId, id, DeploymentWatch::settled, true, Duration.ofSeconds(60), "bench " + i);
                long t4 = System.nanoTime();
                cancel(session, nodes, nodeId, id);
                if (i >= warmup) {
                    total.add(ms(t4 - t0));
                    sign.add(ms(t1 - t0));
                    contract.add(ms(t2 - t1));
                    send.add(ms(t3 - t2));
                    wait.add(ms(t4 - t3));
                }
            }
            report("round_trip", total);
            report("build_sign", sign);
            report("contract_tx", contract);
            report("deploy_call", send);
            report("watch_wait", wait);

            // probe: provisioning time seen by back-to-back gets, and the cost of one get
            var provision = new ArrayList<Double>();
            var get = new ArrayList<Double>();
            var gets = new ArrayList<Double>();
            for (int i = 0; i < warmup + probe; i++) {
                Deployment signed = signed(twin, session, 10_000 + i, size);
                long id = deployer.contract(nodeId, signed);
                deployer.send(nodeId, signed.withContractId(id));
                long sent = System.nanoTime();
                int n = 0;
                long before;
                long after;
                Deployment d;
                do {
                    before = System.nanoTime();
                    d = nodes.get(nodeId, id);
                    after = System.nanoTime();
                    n++;
                    if (d.workloads().stream().anyMatch(w -> w.result().state() == ResultState.ERROR)) {
                        throw new IllegalStateException("workload failed: " + d.workloads());
                    }
                } while (!DeploymentWatch.settled(d) && after - sent < TimeUnit.SECONDS.toNanos(60));
                cancel(session, nodes, nodeId, id);
                if (i >= warmup) {
                    // ok became visible between the start of the last get and its answer
                    provision.add(ms(after - sent));
                    get.add(ms(after - before));
                    gets.add((double) n);
                }
            }
            report("provision_seen", provision);
            report("get_rtt", get);
            report("gets_until_ok", gets);
        }
    }

    /** What {@code zos deploy -f FILE} does before sending: read and validate, make this twin the owner, sign. */
    private static Deployment signed(long twin, GridSession session, int round, String size) {
        String yaml = """
                version: 0
                twin_id: 1
                metadata: ''
                description: bench round %d
                signature_requirement:
                  weight_required: 1
                  requests:
                    - twin_id: 1
                      required: true
                      weight: 1
                workloads:
                  - name: data
                    type: zmount
                    version: 0
                    data:
                      size: %s
                """.formatted(round, size);
        Deployment d = DeploymentReader.read(yaml, DeploymentReader.Format.YAML, "bench.yaml");
        return DeploymentSigner.sign(Owner.assign(d, twin).validate(), twin, session.key());
    }

    /** As {@code zos cancel}: the contract first; then the node is asked to delete at once (no 5 min reconcile wait). */
    private static void cancel(GridSession session, NodeClient nodes, long nodeId, long contractId) {
        session.client().submit(session.signer().contractCancel(contractId));
        nodes.call(nodeId, "zos.deployment.delete",
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("contract_id", contractId));
    }

    private static Process startNode(String bin, String grid, long farm, Path work) throws IOException {
        Path data = work.resolve("node");
        return new ProcessBuilder(bin, "run", "--farm", Long.toString(farm), "--grid", grid, "--data-dir", data.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("node.log").toFile()).start();
    }

    private static long awaitNode(Process node, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        long nodeId = -1;
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            var m = NODE_LINE.matcher(text);
            if (m.find()) {
                nodeId = Long.parseLong(m.group(1));
            }
            if (nodeId > 0 && text.contains("serving over the relay")) {
                return nodeId;
            }
            if (!node.isAlive()) {
                throw new IllegalStateException("zos-node exited (" + node.exitValue() + "):\n" + text);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("zos-node did not start in 180 s; see " + log);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void report(String key, List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%s n=%d p50=%.1f p90=%.1f p99=%.1f min=%.1f max=%.1f mean=%.1f  load=%s%n", key, v.length,
                pct(v, 50), pct(v, 90), pct(v, 99), v[0], v[v.length - 1], Arrays.stream(v).average().orElse(0), load());
    }

    /** Nearest-rank percentile. */
    private static double pct(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + "," + f[1] + "," + f[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
