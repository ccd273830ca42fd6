package dev.zos.flist.mount;

/**
 * Tuning of a mount. Build with {@link #defaults()} and the {@code with*} copies.
 *
 * @param memoryBlocks    decoded 512 KiB blocks kept in memory (LRU), so small reads do not decode a block again
 * @param readAheadBlocks blocks fetched ahead of a sequential reader, asynchronously
 * @param prefetchThreads threads fetching read-ahead blocks (the queue is bounded by {@code readAheadBlocks} per
 *                        thread; extra read-ahead is dropped, never queued without bound)
 * @param debug           run libfuse with {@code -d} (every request logged on stderr)
 * @param allowOther      let users other than the mounting one see the files ({@code allow_other}); null = when
 *                        allowed (root, or {@code user_allow_other} in /etc/fuse.conf)
 */
public record MountOptions(int memoryBlocks, int readAheadBlocks, int prefetchThreads, boolean debug,
                           Boolean allowOther) {

    public MountOptions {
        if (memoryBlocks < 1) {
            throw new IllegalArgumentException("memoryBlocks must be at least 1, got " + memoryBlocks);
        }
        if (readAheadBlocks < 0) {
            throw new IllegalArgumentException("readAheadBlocks must not be negative, got " + readAheadBlocks);
        }
        if (prefetchThreads < 1) {
            throw new IllegalArgumentException("prefetchThreads must be at least 1, got " + prefetchThreads);
        }
    }

    /** 64 blocks (32 MiB) in memory, 4 blocks (2 MiB) of read-ahead on 2 threads. */
    public static MountOptions defaults() {
        return new MountOptions(64, 4, 2, false, null);
    }

    public MountOptions withMemoryBlocks(int n) {
        return new MountOptions(n, readAheadBlocks, prefetchThreads, debug, allowOther);
    }

    public MountOptions withReadAhead(int blocks, int threads) {
        return new MountOptions(memoryBlocks, blocks, threads, debug, allowOther);
    }

    public MountOptions withDebug(boolean on) {
        return new MountOptions(memoryBlocks, readAheadBlocks, prefetchThreads, on, allowOther);
    }

    public MountOptions withAllowOther(Boolean on) {
        return new MountOptions(memoryBlocks, readAheadBlocks, prefetchThreads, debug, on);
    }
}
