package dev.zos.flist.clone;

import dev.zos.core.ZosException;
import dev.zos.flist.block.BlockCodec;
import dev.zos.flist.meta.BlockRef;
import dev.zos.flist.meta.FlistEditor;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flist.meta.Route;
import dev.zos.flist.store.BlockStore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Copies every block of an flist from its stores to new ones, then writes the flist with routes to the new
 * stores (as rfs's {@code clone} does). Each block is verified before it is copied, so a corrupt source never
 * spreads; the flist is written only when every block is in place.
 */
public final class Cloner {

    private Cloner() {
    }

    /**
     * @param source  the flist to clone
     * @param from    where its blocks are now
     * @param to      the new stores (a router for several)
     * @param target  the flist to write (may be the source path: it is replaced atomically)
     */
    public static CloneResult clone(Path source, BlockStore from, BlockStore to, Path target, boolean keepPasswords,
                                    int workers) {
        long start = System.nanoTime();
        Set<BlockRef> refs = new LinkedHashSet<>();
        try (FlistReader flist = FlistReader.open(source)) {
            flist.walk((path, inode) -> {
                if (inode.isRegular()) {
                    refs.addAll(flist.blocks(inode.ino()));
                }
                return true;
            });
        }
        List<Route> routes = to.routes(keepPasswords);
        LongAdder copied = new LongAdder();
        LongAdder present = new LongAdder();
        LongAdder bytes = new LongAdder();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        ThreadLocal<BlockCodec> codec = ThreadLocal.withInitial(BlockCodec::new);
        ExecutorService pool = Executors.newFixedThreadPool(workers,
                r -> Thread.ofPlatform().daemon().name("flist-clone").unstarted(r));
        try {
            for (BlockRef ref : new ArrayList<>(refs)) {
                pool.execute(() -> {
                    if (failure.get() != null) {
                        return;
                    }
                    try {
                        if (to.exists(ref.id())) {
                            present.increment();
                            return;
                        }
                        byte[] stored = from.get(ref.id());
                        codec.get().decode(ref, stored);
                        to.set(ref.id(), stored);
                        copied.increment();
                        bytes.add(stored.length);
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
        } finally {
            pool.shutdown();
            try {
                while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    // every task ends when its store calls end
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
                throw ZosException.unavailable("interrupted while cloning " + source, e);
            }
        }
        RuntimeException f = failure.get();
        if (f != null) {
            ZosException.Kind kind = f instanceof ZosException z ? z.kind() : ZosException.Kind.INTERNAL;
            throw new ZosException(kind, "cannot clone " + source + " (the flist is unchanged): " + f.getMessage(), f);
        }
        FlistEditor.update(source, target, meta -> meta.withRoutes(routes));
        return new CloneResult(target, refs.size(), copied.sum(), present.sum(), bytes.sum(), routes,
                Duration.ofNanos(System.nanoTime() - start));
    }
}
