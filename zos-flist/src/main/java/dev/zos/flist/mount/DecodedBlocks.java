package dev.zos.flist.mount;

import dev.zos.flist.block.BlockReader;
import dev.zos.flist.meta.BlockRef;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Verified plaintext blocks in memory, in front of a {@link BlockReader} (the disk cache and the store).
 * A FUSE read asks for 128 KiB at a time while a block is 512 KiB: keeping recent blocks decoded means a block
 * is fetched, checked and decompressed once, not four (or 128) times. A block being fetched is fetched once:
 * a second reader waits for the first. Read-ahead runs on a few daemon threads with a bounded number of
 * blocks in flight; when the bound is reached further read-ahead is dropped.
 */
final class DecodedBlocks implements AutoCloseable {

    private final BlockReader source;
    private final int capacity;
    private final Map<BlockRef, byte[]> lru;
    private final ConcurrentHashMap<BlockRef, CompletableFuture<byte[]>> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService prefetcher;
    private final Semaphore prefetchSlots;

    DecodedBlocks(BlockReader source, int capacity, int prefetchThreads, int prefetchQueue) {
        this.source = source;
        this.capacity = capacity;
        this.lru = new LinkedHashMap<>(capacity * 2, 0.75f, true);
        AtomicInteger n = new AtomicInteger();
        this.prefetcher = Executors.newFixedThreadPool(prefetchThreads, r -> {
            Thread t = new Thread(r, "flist-readahead-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.prefetchSlots = new Semaphore(Math.max(1, prefetchQueue));
    }

    /**
     * The verified plaintext of {@code ref}; never bytes that failed a check.
     *
     * @throws dev.zos.core.ZosException when the block is corrupt, missing or its store unreachable
     */
    byte[] get(BlockRef ref) {
        byte[] hit = cached(ref);
        if (hit != null) {
            return hit;
        }
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        CompletableFuture<byte[]> running = inFlight.putIfAbsent(ref, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                // the read-ahead failed: fetch again ourselves so the error (or a now-healthy store) is ours
                inFlight.remove(ref, running);
                return get(ref);
            }
        }
        return load(ref, mine);
    }

    /** Starts fetching {@code ref} in the background unless it is cached, being fetched, or too much is queued. */
    void prefetch(BlockRef ref) {
        if (cached(ref) != null || inFlight.containsKey(ref) || !prefetchSlots.tryAcquire()) {
            return;
        }
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        if (inFlight.putIfAbsent(ref, mine) != null) {
            prefetchSlots.release();
            return;
        }
        try {
            prefetcher.execute(() -> {
                try {
                    load(ref, mine);
                } catch (RuntimeException ignored) {
                    // the reader that needs the block reports the failure
                } finally {
                    prefetchSlots.release();
                }
            });
        } catch (RuntimeException e) {
            prefetchSlots.release();
            inFlight.remove(ref, mine);
            mine.completeExceptionally(e);
        }
    }

    private byte[] load(BlockRef ref, CompletableFuture<byte[]> future) {
        try {
            byte[] plain = source.read(ref);
            synchronized (lru) {
                lru.put(ref, plain);
                if (lru.size() > capacity) {
                    var it = lru.entrySet().iterator();
                    it.next();
                    it.remove();
                }
            }
            future.complete(plain);
            return plain;
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(ref, future);
        }
    }

    private byte[] cached(BlockRef ref) {
        synchronized (lru) {
            return lru.get(ref);
        }
    }

    @Override
    public void close() {
        prefetcher.shutdownNow();
    }
}
