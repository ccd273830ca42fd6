package dev.zos.grid.registry;

import dev.zos.core.ZosException;
import dev.zos.core.registry.client.Paging;
import dev.zos.grid.registry.internal.GroupCommitter;
import dev.zos.grid.registry.internal.LogReplayer;
import dev.zos.grid.registry.internal.State;
import dev.zos.grid.registry.internal.TxRules;
import dev.zos.core.registry.model.Contract;
import dev.zos.core.registry.model.Farm;
import dev.zos.core.registry.model.NameContract;
import dev.zos.core.registry.model.NodeContract;
import dev.zos.core.registry.model.Twin;
import dev.zos.grid.registry.store.LogEntry;
import dev.zos.grid.registry.store.RegistryStore;
import dev.zos.grid.registry.store.RegistryStores;
import dev.zos.core.registry.tx.SignedTransaction;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The grid's registry: a hash-chained log of signed transactions and the state it produces.
 * <pre>{@code
 * try (var registry = Registry.open("/var/lib/zos/grid/registry.db")) {   // or "postgres://u:p@host/db"
 *     SubmitResult r = registry.submit(TransactionBuilder.twinCreate(key, "wss://relay", null));
 *     Optional<NodeView> node = registry.node(7);
 * }
 * }</pre>
 * Opening replays and re-verifies the whole log and refuses a corrupt one, naming the first bad entry.
 * Writes go through one writer that group-commits; queries read the last durable state. Thread-safe.
 */
public final class Registry implements AutoCloseable {
    private final RegistryStore store;
    private final RegistryOptions options;
    private final State state;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final GroupCommitter committer;
    private final Queries queries;

    private Registry(RegistryStore store, RegistryOptions options, LogReplayer replay) {
        this.store = store;
        this.options = options;
        this.state = replay.state();
        this.queries = new Queries(state, options);
        this.committer = new GroupCommitter(store, state, replay.head(), replay.headHash(), lock.writeLock(),
                options.maxBatch());
    }

    public static Registry open(String location) {
        return open(location, RegistryOptions.defaults());
    }

    public static Registry open(String location, RegistryOptions options) {
        return open(RegistryStores.open(location), options);
    }

    /** Opens over {@code store}, which the registry then owns (and closes, also when opening fails). */
    public static Registry open(RegistryStore store, RegistryOptions options) {
        try {
            LogReplayer replay = LogReplayer.replay(store);
            VerifyReport report = replay.report();
            if (!report.ok()) {
                throw ZosException.invalid("refusing to open registry " + store.describe() + ": log entry "
                        + report.breakIndex() + " is corrupt (" + report.reason() + ")");
            }
            if (store.stateIndex() != replay.head()) {
                store.replaceState(replay.state().allRows(), replay.head());
            }
            return new Registry(store, options, replay);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Re-checks a log without opening a registry over it (for {@code zos-grid log verify}). */
    public static VerifyReport verify(RegistryStore store) {
        return LogReplayer.replay(store).report();
    }

    /** Re-reads the stored log and re-checks every hash and signature. */
    public VerifyReport verify() {
        return verify(store);
    }

    /**
     * Submits a signed transaction; the future completes once its batch is durable, or exceptionally with a
     * {@link ZosException}: INVALID (bad body, expired), FORBIDDEN (bad signature, wrong signer), CONFLICT
     * (replay, duplicate), NOT_FOUND (unknown farm/node/contract), UNAVAILABLE (store failure or closed).
     */
    public CompletableFuture<SubmitResult> submitAsync(SignedTransaction stx) {
        long now = options.clock().instant().getEpochSecond();
        long skew = Math.abs(now - stx.tx().timestamp());
        if (skew > options.maxClockSkew().toSeconds()) {
            return CompletableFuture.failedFuture(ZosException.invalid((stx.tx().timestamp() < now ? "expired" : "future")
                    + " transaction: its timestamp is " + skew + " s from the registry clock (limit "
                    + options.maxClockSkew().toSeconds() + " s); check the client's clock"));
        }
        byte[] canonical;
        boolean verified;
        try {
            canonical = stx.tx().canonicalBytes();
            // signatures are checked here, on the submitter's thread, so the single writer does not do it
            verified = TxRules.preVerify(state, stx.tx(), canonical, stx.signature());
        } catch (ZosException e) {
            return CompletableFuture.failedFuture(e);
        }
        return committer.submit(stx, canonical, verified);
    }

    /** Submits and waits until durable; throws the refusal as a {@link ZosException}. */
    public SubmitResult submit(SignedTransaction stx) {
        try {
            return submitAsync(stx).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ZosException z) {
                throw z;
            }
            throw new ZosException(ZosException.Kind.INTERNAL, "registry failure: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ZosException.unavailable("interrupted while waiting for the registry", e);
        }
    }

    /** Parses a transaction in its wire form and submits it. */
    public SubmitResult submit(byte[] wire) {
        return submit(SignedTransaction.parse(wire));
    }

    public CommitStats commitStats() {
        return committer.stats();
    }

    public Optional<Twin> twin(long id) {
        return read(() -> Optional.ofNullable(state.twin(id)));
    }

    /** Twins in id order. */
    public Page<Twin> twins(Paging paging) {
        return read(() -> {
            var all = state.allTwins();
            var items = all.stream().skip((long) (paging.page() - 1) * paging.size()).limit(paging.size()).toList();
            return new Page<>(items, all.size(), paging.page(), paging.size());
        });
    }

    /**
     * Up to {@code limit} durable log entries from index {@code from}, so that anyone can re-check the chain
     * and the signatures and replay the state themselves.
     */
    public List<LogEntry> log(long from, int limit) {
        if (from < 1 || limit < 1 || limit > Paging.MAX_SIZE) {
            throw ZosException.invalid("log from must be ≥ 1 and limit 1.." + Paging.MAX_SIZE);
        }
        long to = Math.min(committer.head(), from + limit - 1);
        var out = new ArrayList<LogEntry>();
        if (to >= from) {
            store.readLog(from, to, out::add);
        }
        return out;
    }

    /** The index of the last durable log entry (0 when empty). */
    public long head() {
        return committer.head();
    }

    public Optional<Twin> twinByPublicKey(byte[] publicKey) {
        return twinByPublicKey(HexFormat.of().formatHex(publicKey));
    }

    public Optional<Twin> twinByPublicKey(String publicKeyHex) {
        return read(() -> Optional.ofNullable(state.twinIdByKey(publicKeyHex.toLowerCase())).map(state::twin));
    }

    /** The twin's last accepted nonce, -1 when it has none; a client's next transaction needs a greater one. */
    public long lastNonce(long twinId) {
        return read(() -> state.lastNonce(twinId));
    }

    public Optional<Farm> farm(long id) {
        return read(() -> Optional.ofNullable(state.farm(id)));
    }

    public Page<Farm> farms(FarmFilter filter) {
        return read(() -> queries.farms(filter));
    }

    public Optional<NodeView> node(long id) {
        return read(() -> Optional.ofNullable(state.node(id)).map(n -> queries.view(n, options.clock().instant())));
    }

    public Optional<NodeView> nodeByTwin(long twinId) {
        return read(() -> Optional.ofNullable(state.nodeIdByTwin(twinId)).map(state::node)
                .map(n -> queries.view(n, options.clock().instant())));
    }

    public Page<NodeView> nodes(NodeFilter filter) {
        return read(() -> queries.nodes(filter));
    }

    public Optional<Contract> contract(long id) {
        return read(() -> {
            NodeContract nc = state.nodeContract(id);
            NameContract name = state.nameContract(id);
            return Optional.ofNullable(nc != null ? (Contract) nc : name);
        });
    }

    public Page<Contract> contracts(ContractFilter filter) {
        return read(() -> queries.contracts(filter));
    }

    public Stats stats() {
        return read(() -> queries.stats(committer.head()));
    }

    public String describeStore() {
        return store.describe();
    }

    private <T> T read(java.util.function.Supplier<T> query) {
        lock.readLock().lock();
        try {
            return query.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Finishes queued transactions, then closes the store. */
    @Override
    public void close() {
        committer.close();
        store.close();
    }
}
