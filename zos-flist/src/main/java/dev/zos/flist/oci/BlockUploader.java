package dev.zos.flist.oci;

import dev.zos.core.ZosException;
import dev.zos.flist.block.BlockCodec;
import dev.zos.flist.meta.BlockRef;
import dev.zos.flist.store.BlockStore;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns streamed file contents into flist blocks: the reading thread cuts 512 KiB blocks into pooled buffers,
 * worker threads hash, compress, encrypt and upload them (skipping blocks the store already has). Memory is
 * bounded by the pool: {@code 2 × workers} buffers.
 */
final class BlockUploader implements AutoCloseable {

    private static final int DEDUP_CAP = 1 << 20;

    private final BlockStore store;
    private final ExecutorService pool;
    private final BlockingQueue<byte[]> buffers;
    private final Phaser inflight = new Phaser(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final ThreadLocal<BlockCodec> codec = ThreadLocal.withInitial(BlockCodec::new);
    private final Map<ByteKey, byte[]> keyToId = new ConcurrentHashMap<>();
    private final Set<ByteKey> knownIds = ConcurrentHashMap.newKeySet();
    final LongAdder blocks = new LongAdder();
    final LongAdder uploadedBlocks = new LongAdder();
    final LongAdder uploadedBytes = new LongAdder();

    BlockUploader(BlockStore store, int workers) {
        this.store = store;
        this.pool = Executors.newFixedThreadPool(workers,
                r -> Thread.ofPlatform().daemon().name("flist-convert").unstarted(r));
        this.buffers = new ArrayBlockingQueue<>(2 * workers);
        for (int i = 0; i < 2 * workers; i++) {
            buffers.add(new byte[BlockCodec.BLOCK_SIZE]);
        }
    }

    /**
     * Reads exactly {@code size} bytes of {@code in} and returns the array the block refs are written into; it is
     * complete after {@link #finish()}.
     */
    BlockRef[] upload(InputStream in, long size, String what) throws IOException {
        long count = (size + BlockCodec.BLOCK_SIZE - 1) / BlockCodec.BLOCK_SIZE;
        if (count > Integer.MAX_VALUE) {
            throw ZosException.invalid(what + " is too large for an flist");
        }
        BlockRef[] refs = new BlockRef[(int) count];
        long left = size;
        for (int i = 0; i < refs.length; i++) {
            rethrow();
            byte[] buf;
            try {
                buf = buffers.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ZosException.unavailable("interrupted while converting " + what, e);
            }
            int want = (int) Math.min(BlockCodec.BLOCK_SIZE, left);
            int n = in.readNBytes(buf, 0, want);
            if (n != want) {
                buffers.add(buf);
                throw ZosException.invalid(what + " ends after " + (size - left + n) + " of its " + size + " bytes");
            }
            left -= n;
            int index = i;
            inflight.register();
            pool.execute(() -> {
                try {
                    if (failure.get() == null) {
                        refs[index] = encode(buf, want);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    buffers.add(buf);
                    inflight.arriveAndDeregister();
                }
            });
        }
        return refs;
    }

    private BlockRef encode(byte[] buf, int len) {
        BlockCodec c = codec.get();
        byte[] key = c.key(buf, 0, len);
        blocks.increment();
        ByteKey k = new ByteKey(key);
        byte[] known = keyToId.get(k);
        if (known != null) {
            return new BlockRef(known, key);
        }
        BlockCodec.Encoded enc = c.encode(key, buf, 0, len);
        byte[] id = enc.ref().id();
        ByteKey idKey = new ByteKey(id);
        if (!knownIds.contains(idKey) && !store.exists(id)) {
            store.set(id, enc.buffer(), 0, enc.length());
            uploadedBlocks.increment();
            uploadedBytes.add(enc.length());
        }
        if (knownIds.size() < DEDUP_CAP) {
            knownIds.add(idKey);
            keyToId.putIfAbsent(k, id);
        }
        return enc.ref();
    }

    /** Waits for every block handed over so far; rethrows the first failure. */
    void finish() {
        inflight.arriveAndAwaitAdvance();
        rethrow();
    }

    private void rethrow() {
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new ZosException(ZosException.Kind.INTERNAL, "block upload failed: " + t, t);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** A 32-byte hash as a map key. */
    private record ByteKey(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ByteKey b && java.util.Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return (bytes[0] & 0xff) | (bytes[1] & 0xff) << 8 | (bytes[2] & 0xff) << 16 | (bytes[3] & 0xff) << 24;
        }
    }
}
