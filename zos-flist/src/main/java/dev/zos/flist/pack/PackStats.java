package dev.zos.flist.pack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters of a running pack, updated from the walker and the workers. */
final class PackStats {
    final long startNanos = System.nanoTime();
    final LongAdder files = new LongAdder();
    final LongAdder entries = new LongAdder();
    final LongAdder directories = new LongAdder();
    final LongAdder symlinks = new LongAdder();
    final LongAdder specials = new LongAdder();
    final LongAdder regular = new LongAdder();
    final LongAdder bytes = new LongAdder();
    final LongAdder blocks = new LongAdder();
    final LongAdder uploadedBlocks = new LongAdder();
    final LongAdder uploadedBytes = new LongAdder();
    final LongAdder presentBlocks = new LongAdder();
    final LongAdder dedupBytes = new LongAdder();
    final LongAdder unchangedFiles = new LongAdder();
    private final AtomicInteger inflight = new AtomicInteger();
    private final AtomicInteger peakInflight = new AtomicInteger();
    final AtomicLong totalBytes = new AtomicLong();

    void blockIn() {
        int n = inflight.incrementAndGet();
        peakInflight.accumulateAndGet(n, Math::max);
    }

    void blockOut() {
        inflight.decrementAndGet();
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    PackProgress progress() {
        return new PackProgress(files.sum(), entries.sum(), bytes.sum(), dedupBytes.sum(), uploadedBytes.sum(), elapsed());
    }

    PackResult result(Path flist) {
        return new PackResult(flist, regular.sum(), directories.sum(), symlinks.sum(), specials.sum(), bytes.sum(),
                blocks.sum(), uploadedBlocks.sum(), presentBlocks.sum(), dedupBytes.sum(), unchangedFiles.sum(),
                peakInflight.get(), elapsed());
    }
}
