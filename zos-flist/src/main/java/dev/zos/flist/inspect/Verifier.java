package dev.zos.flist.inspect;

import dev.zos.core.ZosException;
import dev.zos.flist.block.BlockCorruptException;
import dev.zos.flist.block.BlockReader;
import dev.zos.flist.meta.BlockRef;
import dev.zos.flist.meta.FlistReader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Fetches and checks every block of an flist ({@code BLAKE2b(bytes) == id}, GCM tag, {@code BLAKE2b(plain) ==
 * key}, through the {@link BlockReader}), each distinct block once, on several threads. Missing and corrupt
 * blocks are reported with the files that use them; a store that cannot be reached stops the run with an
 * UNAVAILABLE error naming it, since nothing can then be concluded about its blocks.
 */
public final class Verifier {

    private Verifier() {
    }

    public static VerifyReport verify(FlistReader flist, BlockReader blocks, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        long start = System.nanoTime();
        Map<BlockRef, List<String>> users = new LinkedHashMap<>();
        long[] files = {0};
        long[] rows = {0};
        flist.walk((path, inode) -> {
            if (inode.isRegular()) {
                files[0]++;
                for (BlockRef ref : flist.blocks(inode.ino())) {
                    rows[0]++;
                    List<String> p = users.computeIfAbsent(ref, k -> new ArrayList<>(1));
                    if (p.isEmpty() || !p.get(p.size() - 1).equals(path)) {
                        p.add(path);
                    }
                }
            }
            return true;
        });

        List<BlockRef> refs = new ArrayList<>(users.keySet());
        BlockProblem[] found = new BlockProblem[refs.size()];
        AtomicReference<ZosException> unavailable = new AtomicReference<>();
        LongAdder bytes = new LongAdder();
        ExecutorService pool = Executors.newFixedThreadPool(workers,
                r -> Thread.ofPlatform().daemon().name("flist-verify").unstarted(r));
        try {
            for (int i = 0; i < refs.size(); i++) {
                int n = i;
                pool.execute(() -> {
                    if (unavailable.get() != null) {
                        return;
                    }
                    BlockRef ref = refs.get(n);
                    try {
                        bytes.add(blocks.read(ref).length);
                    } catch (BlockCorruptException e) {
                        found[n] = new BlockProblem(ref.idHex(), BlockProblem.Kind.CORRUPT, e.getMessage(), users.get(ref));
                    } catch (ZosException e) {
                        if (e.kind() == ZosException.Kind.NOT_FOUND) {
                            found[n] = new BlockProblem(ref.idHex(), BlockProblem.Kind.MISSING, e.getMessage(), users.get(ref));
                        } else {
                            unavailable.compareAndSet(null, e);
                        }
                    } catch (RuntimeException e) {
                        unavailable.compareAndSet(null, new ZosException(ZosException.Kind.INTERNAL,
                                "checking block " + ref.idHex() + " failed: " + e, e));
                    }
                });
            }
        } finally {
            pool.shutdown();
            try {
                while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    // keep waiting: every task ends when its fetch ends or times out
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
                throw ZosException.unavailable("interrupted while verifying " + flist.path(), e);
            }
        }
        ZosException down = unavailable.get();
        if (down != null) {
            throw new ZosException(down.kind(), "cannot verify " + flist.path() + ": " + down.getMessage(), down);
        }
        List<BlockProblem> problems = new ArrayList<>();
        for (BlockProblem p : found) {
            if (p != null) {
                problems.add(p);
            }
        }
        return new VerifyReport(files[0], rows[0], refs.size(), bytes.sum(), problems,
                Duration.ofNanos(System.nanoTime() - start));
    }
}
