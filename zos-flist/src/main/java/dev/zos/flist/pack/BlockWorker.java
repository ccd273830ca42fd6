package dev.zos.flist.pack;

import dev.zos.core.ZosException;
import dev.zos.flist.block.BlockCodec;
import dev.zos.flist.meta.BlockRef;
import dev.zos.flist.meta.FlistWriter;
import dev.zos.flist.store.BlockStore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Takes units of work (small files batched together, or a run of a large file's blocks) and turns their
 * content into block rows: hash, compress, encrypt, upload when new. One reusable buffer set per worker, so
 * memory is {@code workers × ~1.5 MiB} whatever the file sizes.
 */
final class BlockWorker implements Runnable {

    /** Cap on the in-memory dedup tables; beyond it the store's {@code exists} is the only dedup. */
    static final int DEDUP_CAP = 1 << 20;

    static final List<FileJob.Segment> POISON = List.of();

    private final BlockingQueue<List<FileJob.Segment>> queue;
    private final BlockStore store;
    private final FlistWriter writer;
    private final ChangeIndex index;
    private final PackStats stats;
    private final Map<Id32, byte[]> keyToId;
    private final Set<Id32> seenIds;
    private final PackRun run;
    private final BlockCodec codec = new BlockCodec();
    private final byte[] buf = new byte[BlockCodec.BLOCK_SIZE];

    BlockWorker(PackRun run, BlockingQueue<List<FileJob.Segment>> queue, BlockStore store, FlistWriter writer,
                ChangeIndex index, PackStats stats, Map<Id32, byte[]> keyToId, Set<Id32> seenIds) {
        this.run = run;
        this.queue = queue;
        this.store = store;
        this.writer = writer;
        this.index = index;
        this.stats = stats;
        this.keyToId = keyToId;
        this.seenIds = seenIds;
    }

    static Map<Id32, byte[]> newKeyMap() {
        return new ConcurrentHashMap<>(1024);
    }

    @Override
    public void run() {
        try {
            while (true) {
                List<FileJob.Segment> unit = queue.take();
                if (unit == POISON) {
                    return;
                }
                if (run.failed()) {
                    continue;
                }
                try {
                    for (FileJob.Segment s : unit) {
                        process(s);
                    }
                } catch (Throwable t) {
                    run.fail(t);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void process(FileJob.Segment seg) throws IOException {
        FileJob job = seg.job();
        if (job.cached != null && reuse(job)) {
            stats.unchangedFiles.increment();
        } else if (job.cached != null) {
            readBlocks(job, 0, job.blockCount);
        } else {
            readBlocks(job, seg.firstBlock(), seg.count());
        }
        if (job.openSegments.decrementAndGet() == 0) {
            stats.files.increment();
            if (job.refs != null && index != null) {
                index.record(job.rel, job.stat, job.refs);
            }
        }
    }

    /** Uses the blocks remembered for an unchanged file when the store still has them all. */
    private boolean reuse(FileJob job) {
        for (BlockRef r : job.cached) {
            Id32 id = new Id32(r.id());
            if (!seenIds.contains(id)) {
                if (!store.exists(r.id())) {
                    return false;
                }
                if (seenIds.size() < DEDUP_CAP) {
                    seenIds.add(id);
                }
            }
        }
        for (int i = 0; i < job.blockCount; i++) {
            BlockRef r = job.cached.get(i);
            add(job, i, r);
            if (keyToId.size() < DEDUP_CAP) {
                keyToId.putIfAbsent(new Id32(r.key()), r.id());
            }
        }
        stats.bytes.add(job.size);
        stats.dedupBytes.add(job.size);
        return true;
    }

    private void readBlocks(FileJob job, int first, int count) throws IOException {
        try (FileChannel ch = FileChannel.open(job.path, StandardOpenOption.READ)) {
            long pos = (long) first * BlockCodec.BLOCK_SIZE;
            for (int i = first; i < first + count; i++) {
                int want = (int) Math.min(BlockCodec.BLOCK_SIZE, job.size - pos);
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, want);
                stats.blockIn();
                try {
                    while (bb.hasRemaining()) {
                        int n = ch.read(bb, pos + bb.position());
                        if (n < 0) {
                            throw ZosException.invalid("file " + job.path + " shrank while packing (expected "
                                    + job.size + " bytes); pack again");
                        }
                    }
                    add(job, i, block(want));
                } finally {
                    stats.blockOut();
                }
                pos += want;
            }
        } catch (IOException e) {
            throw ZosException.unavailable("cannot read " + job.path + ": " + e.getMessage(), e);
        }
    }

    private BlockRef block(int len) {
        byte[] key = codec.key(buf, 0, len);
        Id32 k = new Id32(key);
        stats.bytes.add(len);
        byte[] known = keyToId.get(k);
        if (known != null) {
            stats.dedupBytes.add(len);
            return new BlockRef(known, key);
        }
        BlockCodec.Encoded enc = codec.encode(key, buf, 0, len);
        byte[] id = enc.ref().id();
        Id32 idk = new Id32(id);
        boolean first = seenIds.size() < DEDUP_CAP ? seenIds.add(idk) : !seenIds.contains(idk);
        if (!first) {
            stats.dedupBytes.add(len);
        } else if (store.exists(id)) {
            stats.presentBlocks.increment();
            stats.dedupBytes.add(len);
        } else {
            store.set(id, enc.buffer(), 0, enc.length());
            stats.uploadedBlocks.increment();
            stats.uploadedBytes.add(enc.length());
        }
        if (keyToId.size() < DEDUP_CAP) {
            keyToId.putIfAbsent(k, id);
        }
        return enc.ref();
    }

    private void add(FileJob job, int index, BlockRef ref) {
        writer.blockAt(job.rowBase + index, job.ino, ref);
        stats.blocks.increment();
        if (job.refs != null) {
            job.refs[index] = ref;
        }
    }
}
