package dev.zos.node.agent;

import dev.zos.core.ZosException;
import dev.zos.core.identity.TwinKey;
import dev.zos.core.registry.client.GridClient;
import dev.zos.core.registry.model.Power;
import dev.zos.core.registry.model.Resources;
import dev.zos.core.registry.tx.TransactionBuilder;
import dev.zos.core.rmb.peer.CommandRouter;
import dev.zos.core.rmb.peer.PeerConfig;
import dev.zos.core.rmb.peer.RmbPeer;
import dev.zos.node.api.NodeApi;
import dev.zos.node.capacity.HostProbe;
import dev.zos.node.capacity.NodeCapacity;
import dev.zos.node.identity.NodeTwin;
import dev.zos.node.identity.SeedFile;
import dev.zos.node.provision.DeploymentStore;
import dev.zos.node.provision.NodeEnvironment;
import dev.zos.node.provision.ProvisionEngine;
import dev.zos.node.provision.WorkloadDriver;
import dev.zos.node.provision.WorkloadDrivers;
import dev.zos.node.registration.HostInterfaces;
import dev.zos.node.registration.NodeRegistrar;
import dev.zos.node.registration.NodeReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The node agent, the same in process mode and as PID 1: identity, registration, one outbound relay session and the
 * provision engine, plus its timers (uptime, registration refresh, reconciliation, power target). It listens on
 * nothing: every byte it exchanges goes over connections it dialled. {@link #start} returns once the node serves
 * requests (or, for an orphan, once it has said why it will not).
 */
public final class NodeAgent implements AutoCloseable {
    /** How often the agent measures the machine again and refreshes its registration when something changed. */
    static final Duration HARDWARE_CHECK = Duration.ofHours(1);

    private final NodeConfig config;
    private final Consumer<String> log;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "zos-node-timers");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;
    private TwinKey key;
    private long twinId;
    private long nodeId;
    private NodeRegistrar registrar;
    private ProvisionEngine engine;
    private RmbPeer peer;
    private String orphanReason;

    private NodeAgent(NodeConfig config, Consumer<String> log) {
        this.config = config;
        this.log = log;
    }

    /** What the agent runs on: the machine probe, the drivers (built once the node id is known) and a clock. */
    public record Host(HostProbe probe, Function<NodeEnvironment, List<WorkloadDriver>> drivers, Clock clock, Duration retry) {

        /** runc keeps container state here; tmpfs, so a reboot clears it and the drivers rebuild from the data dir. */
        static final java.nio.file.Path RUNC_STATE = java.nio.file.Path.of("/run/zos/runc");

        /** This machine with the standard drivers: what both `zos-node run` and PID 1 run on. */
        public static Host system() {
            return new Host(HostProbe.system(), env -> new dev.zos.node.workload.StandardDrivers(RUNC_STATE).create(),
                    Clock.systemUTC(), Duration.ofSeconds(2));
        }
    }

    /**
     * Starts the agent. While the grid cannot be reached it retries (a node must come up once the grid does);
     * a refusal by the grid is an error.
     */
    public static NodeAgent start(NodeConfig config, Host host, Consumer<String> log) throws InterruptedException {
        var agent = new NodeAgent(config, log);
        try {
            agent.boot(host);
        } catch (RuntimeException | InterruptedException e) {
            agent.close();
            throw e;
        }
        return agent;
    }

    private void boot(Host host) throws InterruptedException {
        GridClient grid = GridClient.of(config.registryUrl().toString());
        privateDir(config.dataDir());
        log.accept("zos-node: farm " + (config.orphan() ? "none" : config.farmId()) + ", runmode " + config.runmode()
                + ", grid " + config.gridUrl() + ", relay " + config.relayUrl() + ", data " + config.dataDir());
        if (config.orphan()) {
            orphan("no farm given (farmer_id= missing or 0)");
            return;
        }
        if (!retrying(host, () -> NodeRegistrar.farmExists(grid, config.farmId()))) {
            orphan("farm " + config.farmId() + " does not exist on the grid at " + config.registryUrl());
            return;
        }
        var seed = SeedFile.loadOrCreate(config.dataDir().resolve("identity").resolve("seed.txt"), new SecureRandom());
        key = seed.key();
        log.accept("zos-node: identity " + key.publicKeyHex() + (seed.created() ? " (new seed)" : ""));
        NodeTwin.Twin twin = retrying(host, () -> NodeTwin.ensure(grid, key, config.relayUrl().toString()));
        twinId = twin.id();
        TransactionBuilder signer = TransactionBuilder.forTwin(key, twinId, host.clock());
        NodeCapacity capacity = NodeCapacity.measure(host.probe(), config.storage(), config.dataDir());
        registrar = new NodeRegistrar(grid, signer, config.dataDir().resolve("registration.json"), host.clock());
        nodeId = retrying(host, () -> registrar.register(config.farmId(), report(host.probe(), capacity)));
        retrying(host, () -> {
            registrar.reportUptime(host.probe().uptimeSeconds());
            return null;
        });
        log.accept("zos-node: node " + nodeId + " (twin " + twinId + (twin.created() ? ", new" : "") + ") in farm "
                + config.farmId() + ": " + describe(capacity));

        GridTwins twins = new GridTwins(grid);
        var env = new NodeEnvironment(config.dataDir(), config.gridUrl(), nodeId);
        var drivers = new WorkloadDrivers(host.drivers().apply(env));
        engine = new ProvisionEngine(env, drivers, new DeploymentStore(config.dataDir().resolve("deployments")),
                new GridContracts(grid, nodeId), twins, capacity.total(), capacity.reserved(), host.clock());
        // tfchain's report_contract_resources: the registry then shows the node's used and free capacity
        engine.onSettled(d -> quietly("contract resources report", () -> {
            var used = ProvisionEngine.used(d);
            try {
                grid.submit(signer.contractResources(d.contractId(), new Resources(used.cru(), used.mru(), used.sru(), used.hru())));
            } catch (ZosException e) {
                if (e.kind() != ZosException.Kind.CONFLICT) { // CONFLICT: the contract is cancelled, nothing to report
                    throw e;
                }
            }
        }));
        var api = new NodeApi(engine, this::version, this::diagnostics, () -> StoragePool.of(host.probe(), config, capacity, engine));
        peer = RmbPeer.start(PeerConfig.builder(config.relayUrl(), key, twinId).directory(twins)
                .router(api.bind(new CommandRouter())).clock(host.clock()).build());
        engine.reconcile(true);
        log.accept("zos-node: serving over the relay; workload types: "
                + (drivers.types().isEmpty() ? "none" : String.join(", ", drivers.types())));

        long uptime = config.uptimeInterval().toMillis();
        long reconcile = config.reconcileInterval().toMillis();
        timers.scheduleAtFixedRate(() -> quietly("uptime report", () -> registrar.reportUptime(host.probe().uptimeSeconds())),
                uptime, uptime, TimeUnit.MILLISECONDS);
        timers.scheduleAtFixedRate(() -> quietly("registration refresh", () -> registrar.refresh(
                report(host.probe(), NodeCapacity.measure(host.probe(), config.storage(), config.dataDir())), false)),
                HARDWARE_CHECK.toMillis(), HARDWARE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(() -> quietly("reconciliation", () -> {
            followPowerTarget();
            engine.reconcile(false);
        }), reconcile, reconcile, TimeUnit.MILLISECONDS);
        quietly("power target", this::followPowerTarget);
    }

    public long nodeId() {
        return nodeId;
    }

    public long twinId() {
        return twinId;
    }

    /** Why the node does nothing, or null when it is not an orphan. */
    public String orphanReason() {
        return orphanReason;
    }

    public ProvisionEngine engine() {
        return engine;
    }

    public RmbPeer peer() {
        return peer;
    }

    public NodeRegistrar registrar() {
        return registrar;
    }

    /** Checks the farmer's power target now: down → standby (no new work, state reported down); up → back. */
    public void followPowerTarget() {
        boolean down = "down".equals(registrar.node().power().target());
        if (down && engine.acceptingNewWork()) {
            engine.acceptNewWork(false);
            registrar.reportPowerState(Power.DOWN);
            log.accept("zos-node: power target down: standby, taking no new deployments");
        } else if (!down && !engine.acceptingNewWork()) {
            engine.acceptNewWork(true);
            registrar.reportPowerState(Power.UP);
            log.accept("zos-node: power target up: taking deployments again");
        }
    }

    @Override
    public void close() {
        closed = true;
        timers.shutdownNow();
        if (peer != null) {
            peer.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    private void orphan(String why) {
        orphanReason = why;
        log.accept("zos-node: orphan node: " + why + "; registering nothing and provisioning nothing");
    }

    private Object version() {
        String v = NodeAgent.class.getPackage().getImplementationVersion();
        return java.util.Map.of("zos", v == null ? "dev" : v, "java", Runtime.version().toString(), "runmode", config.runmode());
    }

    private Object diagnostics() {
        var byState = new java.util.TreeMap<String, Integer>();
        engine.all().forEach(d -> d.workloads().forEach(w -> byState.merge(
                w.result().state().wire().isEmpty() ? "none" : w.result().state().wire(), 1, Integer::sum)));
        boolean healthy = peer.isConnected() && !byState.containsKey("error");
        var m = new java.util.LinkedHashMap<String, Object>();
        m.put("healthy", healthy);
        m.put("node_id", nodeId);
        m.put("twin_id", twinId);
        m.put("farm_id", config.farmId());
        m.put("runmode", config.runmode());
        m.put("relay_connected", peer.isConnected());
        m.put("relay_connections", peer.connections());
        m.put("accepting_deployments", engine.acceptingNewWork());
        m.put("deployments", engine.all().size());
        m.put("workloads", byState);
        return m;
    }

    private static NodeReport report(HostProbe probe, NodeCapacity capacity) {
        var t = capacity.total();
        return new NodeReport(new Resources(t.cru(), t.mru(), t.sru(), t.hru()), HostInterfaces.read(), probe.serial(),
                probe.virtualized());
    }

    private static String describe(NodeCapacity c) {
        var t = c.total();
        return t.cru() + " cores, " + gib(t.mru()) + " memory (" + gib(c.reserved().mru()) + " reserved), "
                + gib(t.sru()) + " ssd, " + gib(t.hru()) + " hdd";
    }

    private static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    private interface Step<T> {
        T run();
    }

    /** Runs {@code step} until the grid answers: UNAVAILABLE is retried (the grid may come up later), anything else thrown. */
    private <T> T retrying(Host host, Step<T> step) throws InterruptedException {
        long delay = host.retry().toMillis();
        while (true) {
            try {
                return step.run();
            } catch (ZosException e) {
                if (e.kind() != ZosException.Kind.UNAVAILABLE || closed) {
                    throw e;
                }
                log.accept("zos-node: " + e.getMessage() + "; retrying in " + delay + " ms");
                Thread.sleep(delay);
                delay = Math.min(delay * 2, Duration.ofMinutes(1).toMillis());
            }
        }
    }

    private void quietly(String what, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.accept("zos-node: " + what + " failed: " + e.getMessage());
        }
    }

    private static void privateDir(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw ZosException.unavailable("cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
