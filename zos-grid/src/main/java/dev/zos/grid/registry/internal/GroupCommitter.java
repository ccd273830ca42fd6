package dev.zos.grid.registry.internal;

import dev.zos.core.ZosException;
import dev.zos.grid.registry.CommitStats;
import dev.zos.grid.registry.SubmitResult;
import dev.zos.grid.registry.store.LogEntry;
import dev.zos.grid.registry.store.RegistryStore;
import dev.zos.core.registry.tx.SignedTransaction;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;

/**
 * The single writer. Submitters queue transactions; the writer takes everything queued (up to a batch
 * limit), applies each on its own fork (a refused one completes exceptionally and leaves the batch
 * untouched), writes the accepted entries and their state rows in one database transaction, and only then
 * publishes the new state and completes the accepted futures. While one batch is being made durable, the
 * next one queues up: that is the group commit.
 */
public final class GroupCommitter implements AutoCloseable {
    private record Pending(SignedTransaction stx, byte[] canonical, boolean verified,
                           CompletableFuture<SubmitResult> future) {
    }

    private record Accepted(Pending pending, SubmitResult result) {
    }

    private final RegistryStore store;
    private final State root;
    private final Lock publishLock;
    private final int maxBatch;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();
    private volatile boolean closing;
    private volatile long durableHead;
    private long head;
    private byte[] headHash;

    public GroupCommitter(RegistryStore store, State root, long head, byte[] headHash, Lock publishLock, int maxBatch) {
        this.store = store;
        this.root = root;
        this.head = head;
        this.durableHead = head;
        this.headHash = headHash;
        this.publishLock = publishLock;
        this.maxBatch = maxBatch;
        this.writer = Thread.ofPlatform().name("registry-writer").daemon(true).start(this::run);
    }

    /** Queues a transaction; {@code verified} when its signature was already checked against the signer's key. */
    public CompletableFuture<SubmitResult> submit(SignedTransaction stx, byte[] canonical, boolean verified) {
        var future = new CompletableFuture<SubmitResult>();
        if (closing) {
            future.completeExceptionally(ZosException.unavailable("the registry is closed", null));
            return future;
        }
        queue.add(new Pending(stx, canonical, verified, future));
        return future;
    }

    /** The index of the last durable entry. */
    public long head() {
        return durableHead;
    }

    public CommitStats stats() {
        return new CommitStats(batches.get(), transactions.get());
    }

    private void run() {
        var batch = new ArrayList<Pending>(maxBatch);
        while (true) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                process(batch);
            } catch (InterruptedException e) {
                failAll(batch, "the registry writer was interrupted");
                return;
            } catch (RuntimeException | Error e) {
                failAll(batch, "the registry writer failed: " + e);
            } finally {
                batch.clear();
            }
        }
    }

    private void process(List<Pending> batch) {
        State batchState = root.fork();
        var entries = new ArrayList<LogEntry>(batch.size());
        var accepted = new ArrayList<Accepted>(batch.size());
        long startHead = head;
        byte[] startHash = headHash;
        for (Pending p : batch) {
            State txState = batchState.fork();
            long id;
            try {
                id = TxRules.apply(txState, p.stx.tx(), p.canonical, p.stx.signature(), p.verified);
            } catch (ZosException e) {
                p.future.completeExceptionally(e);
                continue;
            } catch (RuntimeException e) {
                p.future.completeExceptionally(new ZosException(ZosException.Kind.INTERNAL,
                        "registry failed to apply the transaction: " + e, e));
                continue;
            }
            txState.mergeIntoParent();
            LogEntry entry = LogEntry.create(head + 1, headHash, p.canonical, p.stx.signature());
            head = entry.index();
            headHash = entry.hash();
            entries.add(entry);
            accepted.add(new Accepted(p, new SubmitResult(entry.index(), p.stx.tx().type(), id, entry.hashHex())));
        }
        if (entries.isEmpty()) {
            return;
        }
        try {
            store.append(entries, batchState.changedRows());
        } catch (RuntimeException e) {
            head = startHead;
            headHash = startHash;
            var failure = e instanceof ZosException z ? z
                    : ZosException.unavailable("registry store failed: " + e.getMessage(), e);
            accepted.forEach(a -> a.pending.future.completeExceptionally(failure));
            return;
        }
        publishLock.lock();
        try {
            batchState.mergeIntoParent();
            durableHead = head;
        } finally {
            publishLock.unlock();
        }
        batches.incrementAndGet();
        transactions.addAndGet(entries.size());
        accepted.forEach(a -> a.pending.future.complete(a.result));
    }

    private void failAll(List<Pending> batch, String why) {
        var e = new ZosException(ZosException.Kind.INTERNAL, why);
        batch.forEach(p -> p.future.completeExceptionally(e));
    }

    /** Finishes what is queued, then stops the writer. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending p;
        while ((p = queue.poll()) != null) {
            p.future.completeExceptionally(ZosException.unavailable("the registry is closed", null));
        }
    }
}
