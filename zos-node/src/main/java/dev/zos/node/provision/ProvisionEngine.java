package dev.zos.node.provision;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.Capacity;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.Result;
import dev.zos.core.gridtypes.ResultState;
import dev.zos.core.gridtypes.Workload;
import dev.zos.core.gridtypes.sign.TwinKeys;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The node's provision engine. A deploy or update is checked ({@link DeploymentChecks}, then capacity), recorded with
 * every new workload in state {@code init}, and answered; one worker thread then brings the workloads up through
 * their drivers and records each result, as zos does (clients poll {@code get}). Deployments live in a
 * {@link DeploymentStore}; the registry stays the source of truth: {@link #reconcile} deprovisions what it
 * cancelled and, on start, re-provisions the rest through the (idempotent) drivers.
 */
public final class ProvisionEngine implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ProvisionEngine.class.getName());
    private static final int MAX_LOG_BYTES = 1 << 20;

    private final NodeEnvironment env;
    private final WorkloadDrivers drivers;
    private final DeploymentStore store;
    private final ContractSource contracts;
    private final DeploymentChecks checks;
    private final WorkloadRunner runner;
    private final Capacity total;
    private final Capacity reserved;
    private final Clock clock;
    private final Map<Long, Deployment> deployments = new TreeMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        var t = new Thread(r, "zos-provision");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean acceptingWork = true;
    private volatile Consumer<Deployment> settled = d -> { };

    public ProvisionEngine(NodeEnvironment env, WorkloadDrivers drivers, DeploymentStore store, ContractSource contracts,
                           TwinKeys keys, Capacity total, Capacity reserved, Clock clock) {
        this.env = env;
        this.drivers = drivers;
        this.store = store;
        this.contracts = contracts;
        this.checks = new DeploymentChecks(env.nodeId(), keys, contracts);
        this.runner = new WorkloadRunner(env, drivers, clock);
        this.total = total;
        this.reserved = reserved;
        this.clock = clock;
        deployments.putAll(store.loadAll());
    }

    public long nodeId() {
        return env.nodeId();
    }

    /**
     * Called on the worker thread each time the workloads of a deployment have been brought up, changed or torn down,
     * with the deployment as recorded; the agent reports the capacity it uses to the registry from here.
     */
    public void onSettled(Consumer<Deployment> listener) {
        settled = listener;
    }

    /** What the workloads of {@code d} hold on the node now (failed and deleted ones hold nothing). */
    public static Capacity used(Deployment d) {
        return CapacityCheck.used(d);
    }

    /** Off while the farmer's power target is down: the node then takes no new deployments (running ones stay). */
    public void acceptNewWork(boolean accept) {
        acceptingWork = accept;
    }

    public boolean acceptingNewWork() {
        return acceptingWork;
    }

    // ---- the RMB API's operations ----

    public void deploy(long sender, Deployment d) {
        requireAccepting();
        checks.check(sender, d);
        synchronized (this) {
            Deployment existing = deployments.get(d.contractId());
            if (existing != null && live(existing)) {
                throw new ZosException(ZosException.Kind.CONFLICT, "contract " + d.contractId() + " is already deployed on this node; use zos.deployment.update");
            }
            CapacityCheck.fits(d, d.capacity(), total, reserved, usedExcept(-1), env.nodeId());
            long now = now();
            Deployment accepted = d.withWorkloads(d.workloads().stream()
                    .map(w -> w.withResult(new Result(now, ResultState.INIT, "", null))).toList());
            save(accepted);
        }
        worker.execute(() -> provisionPending(d.contractId()));
    }

    public void update(long sender, Deployment d) {
        requireAccepting();
        Deployment old = owned(sender, d.contractId());
        if (!live(old)) {
            throw new ZosException(ZosException.Kind.CONFLICT, "deployment " + d.contractId() + " was deleted; it cannot be updated");
        }
        if (d.version() <= old.version()) {
            throw new ZosException(ZosException.Kind.CONFLICT, "update version " + d.version()
                    + " must be higher than the deployed version " + old.version());
        }
        for (Workload w : d.workloads()) {
            old.workload(w.name()).filter(o -> !o.type().equals(w.type())).ifPresent(o -> {
                throw ZosException.invalid("workload '" + w.name() + "' cannot change type from " + o.type() + " to " + w.type());
            });
        }
        checks.check(sender, d);
        List<Workload> removed = new ArrayList<>();
        List<Workload[]> changed = new ArrayList<>(); // {previous, next}
        synchronized (this) {
            Deployment current = deployments.get(d.contractId());
            CapacityCheck.fits(d, d.capacity(), total, reserved, usedExcept(d.contractId()), env.nodeId());
            long now = now();
            List<Workload> next = new ArrayList<>();
            for (Workload w : d.workloads()) {
                Optional<Workload> prev = current.workload(w.name());
                if (prev.isPresent() && w.version() < d.version()) {
                    next.add(w.withResult(prev.get().result())); // untouched by this update
                } else {
                    prev.ifPresent(p -> changed.add(new Workload[] {p, w}));
                    next.add(w.withResult(new Result(now, ResultState.INIT, "", null)));
                }
            }
            for (Workload w : current.workloads()) {
                if (d.workload(w.name()).isEmpty() && CapacityCheck.holds(w)) {
                    removed.add(w);
                }
            }
            save(d.withWorkloads(next));
        }
        worker.execute(() -> {
            for (Workload w : WorkloadRunner.inOrder(removed, true)) {
                runner.deprovision(old, w);
            }
            for (Workload[] pair : changed) {
                if (!runner.updatableInPlace(old, pair[0], d, pair[1])) {
                    runner.deprovision(old, pair[0]);
                }
            }
            provisionPending(d.contractId());
        });
    }

    /** The deployment with its results; readable by its owner and by every twin named in its signature requests. */
    public synchronized Deployment get(long sender, long contractId) {
        Deployment d = deployments.get(contractId);
        if (d == null || !(d.twinId() == sender
                || d.signatureRequirement().requests().stream().anyMatch(r -> r.twinId() == sender))) {
            throw ZosException.notFound("deployment " + contractId + " not found");
        }
        return d;
    }

    public List<Workload> changes(long sender, long contractId) {
        return get(sender, contractId).workloads();
    }

    /** The caller's live deployments. */
    public synchronized List<Deployment> list(long sender) {
        return deployments.values().stream().filter(d -> d.twinId() == sender && live(d)).toList();
    }

    /** Deletes the deployment on its owner's request (the contract should be cancelled too; reconciliation would). */
    public void delete(long sender, long contractId) {
        Deployment d = owned(sender, contractId);
        worker.execute(() -> deprovisionAll(d.contractId(), "deleted by its owner"));
    }

    public LogChunk logs(long sender, long contractId, String name, long offset, int maxBytes) {
        Deployment d = owned(sender, contractId);
        Workload w = d.workload(name).orElseThrow(() -> ZosException.notFound("deployment " + contractId + " has no workload '" + name + "'"));
        if (offset < 0 || maxBytes <= 0) {
            throw ZosException.invalid("offset must be 0 or more and max more than 0");
        }
        WorkloadDriver driver = drivers.find(w.type()).orElseThrow(() -> ZosException.invalid(WorkloadDrivers.unsupported(w.type())));
        return driver.logs(new WorkloadContext(env, d, w), offset, Math.min(maxBytes, MAX_LOG_BYTES));
    }

    /** Capacity and counters for {@code zos.statistics.get}. */
    public synchronized Statistics statistics() {
        var live = deployments.values().stream().filter(ProvisionEngine::live).toList();
        Capacity users = CapacityCheck.used(live);
        int workloads = live.stream().mapToInt(d -> (int) d.workloads().stream().filter(CapacityCheck::holds).count()).sum();
        return new Statistics(total, users.plus(reserved), reserved, new Statistics.Users(live.size(), workloads));
    }

    /** Every stored deployment (for diagnostics). */
    public synchronized List<Deployment> all() {
        return List.copyOf(deployments.values());
    }

    // ---- reconciliation ----

    /**
     * Brings the store in line with the registry: deployments whose contract is gone or cancelled are deprovisioned;
     * with {@code reprovision} (on start) every live workload goes through its driver again, which adopts what
     * still runs and restarts what a crash or reboot stopped. Registry unreachable: nothing changes.
     */
    public void reconcile(boolean reprovision) {
        Map<Long, NodeContract> registry;
        try {
            registry = contracts.nodeContracts();
        } catch (ZosException e) {
            LOG.log(Level.WARNING, "reconciliation skipped: " + e.getMessage());
            return;
        }
        List<Long> cancelled = new ArrayList<>();
        List<Long> live = new ArrayList<>();
        synchronized (this) {
            for (Deployment d : deployments.values()) {
                if (!live(d)) {
                    continue;
                }
                NodeContract c = registry.get(d.contractId());
                if (c == null || !c.active() || c.twinId() != d.twinId()) {
                    cancelled.add(d.contractId());
                } else if (reprovision) {
                    live.add(d.contractId());
                }
            }
        }
        for (long id : cancelled) {
            worker.execute(() -> deprovisionAll(id, "contract " + id + " was cancelled in the registry"));
        }
        for (long id : live) {
            worker.execute(() -> reprovision(id));
        }
    }

    /** Waits until the worker has run everything queued so far (tests, orderly shutdown). */
    public void awaitIdle(long timeoutMillis) throws InterruptedException {
        var done = new java.util.concurrent.CountDownLatch(1);
        worker.execute(done::countDown);
        done.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the worker's side ----

    private void provisionPending(long contractId) {
        Deployment d;
        synchronized (this) {
            d = deployments.get(contractId);
        }
        if (d == null) {
            return;
        }
        for (Workload w : WorkloadRunner.inOrder(d.workloads(), false)) {
            if (w.result().state() == ResultState.INIT) {
                Deployment current = current(contractId);
                if (current == null) {
                    return;
                }
                record(contractId, w, runner.provision(current, w));
            }
        }
        settle(contractId);
    }

    private void reprovision(long contractId) {
        Deployment d = current(contractId);
        if (d == null) {
            return;
        }
        for (Workload w : WorkloadRunner.inOrder(d.workloads(), false)) {
            ResultState s = w.result().state();
            if (s == ResultState.OK || s == ResultState.INIT || s == ResultState.PAUSED) {
                record(contractId, w, runner.provision(current(contractId), w));
            }
        }
        settle(contractId);
    }

    private void deprovisionAll(long contractId, String why) {
        Deployment d = current(contractId);
        if (d == null) {
            return;
        }
        for (Workload w : WorkloadRunner.inOrder(d.workloads(), true)) {
            if (w.result().state() == ResultState.DELETED) {
                continue;
            }
            String failure = runner.deprovision(d, w);
            String message = failure == null ? why : why + "; cleanup failed: " + failure;
            record(contractId, w, new Result(now(), ResultState.DELETED, message, null));
        }
        settle(contractId);
    }

    private void settle(long contractId) {
        Deployment d = current(contractId);
        if (d == null) {
            return;
        }
        try {
            settled.accept(d);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "after deployment " + contractId + ": " + e.getMessage());
        }
    }

    /**
     * Records the result of work on {@code done}, unless an update replaced that workload meanwhile (then the new
     * version, still {@code init}, gets its own turn and this result is stale).
     */
    private synchronized void record(long contractId, Workload done, Result result) {
        Deployment d = deployments.get(contractId);
        if (d == null) {
            return;
        }
        Workload bare = done.withResult(Result.EMPTY);
        save(d.withWorkloads(d.workloads().stream()
                .map(w -> w.withResult(Result.EMPTY).equals(bare) ? w.withResult(result) : w).toList()));
    }

    // ---- helpers ----

    private synchronized Deployment current(long contractId) {
        return deployments.get(contractId);
    }

    private synchronized Deployment owned(long sender, long contractId) {
        Deployment d = deployments.get(contractId);
        if (d == null || d.twinId() != sender) {
            throw ZosException.notFound("deployment " + contractId + " not found among twin " + sender + "'s deployments");
        }
        return d;
    }

    private void save(Deployment d) {
        store.put(d); // disk first: what the node answered must survive a crash
        deployments.put(d.contractId(), d);
    }

    private Capacity usedExcept(long contractId) {
        return CapacityCheck.used(deployments.values().stream().filter(d -> d.contractId() != contractId).toList());
    }

    private void requireAccepting() {
        if (!acceptingWork) {
            throw ZosException.unavailable("node " + env.nodeId() + " is in standby (its farmer set the power target down); it takes no new deployments", null);
        }
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    /** A deployment is live while some workload was not deleted. */
    public static boolean live(Deployment d) {
        return d.workloads().stream().anyMatch(w -> w.result().state() != ResultState.DELETED);
    }


}
