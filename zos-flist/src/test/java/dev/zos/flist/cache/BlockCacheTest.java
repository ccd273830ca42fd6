package dev.zos.flist.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.flist.block.BlockCodec;
import dev.zos.flist.block.BlockCorruptException;
import dev.zos.flist.block.BlockReader;
import dev.zos.flist.block.StoreBlockReader;
import dev.zos.flist.meta.BlockRef;
import dev.zos.flist.store.dir.DirStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockCacheTest {

    @TempDir
    Path tmp;

    private List<BlockRef> storeBlocks(DirStore store, int n, int size) {
        BlockCodec codec = new BlockCodec();
        List<BlockRef> refs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] plain = new byte[size];
            new Random(i).nextBytes(plain);
            BlockCodec.Encoded e = codec.encode(plain, 0, plain.length);
            store.set(e.ref().id(), e.bytes());
            refs.add(e.ref());
        }
        return refs;
    }

    @Test
    void usesRfsTwoLevelLayoutAndFetchesOnce() throws Exception {
        DirStore store = new DirStore(tmp.resolve("store"));
        BlockRef ref = storeBlocks(store, 1, 1000).get(0);
        AtomicInteger fetches = new AtomicInteger();
        StoreBlockReader source = new StoreBlockReader(store);
        BlockCache cache = new BlockCache(tmp.resolve("cache"), 10 << 20, r -> {
            fetches.incrementAndGet();
            return source.read(r);
        });
        byte[] first = cache.read(ref);
        byte[] second = cache.read(ref);
        assertThat(second).isEqualTo(first).hasSize(1000);
        assertThat(fetches).hasValue(1);
        String hex = HexFormat.of().formatHex(ref.id());
        Path expected = tmp.resolve("cache").resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
        assertThat(expected).hasBinaryContent(first);
        assertThat(cache.pathOf(ref.id())).isEqualTo(expected);
        try (var s = Files.list(expected.getParent())) {
            assertThat(s.toList()).containsExactly(expected);
        }
    }

    @Test
    void concurrentReadersShareOneDownload() throws Exception {
        DirStore store = new DirStore(tmp.resolve("store"));
        List<BlockRef> refs = storeBlocks(store, 4, 20000);
        AtomicInteger fetches = new AtomicInteger();
        StoreBlockReader source = new StoreBlockReader(store);
        BlockReader slow = r -> {
            fetches.incrementAndGet();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return source.read(r);
        };
        // two caches over one directory stand for two processes
        BlockCache a = new BlockCache(tmp.resolve("cache"), 10 << 20, slow);
        BlockCache b = new BlockCache(tmp.resolve("cache"), 10 << 20, slow);
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<byte[]>> fs = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                BlockCache c = i % 2 == 0 ? a : b;
                BlockRef r = refs.get(i % refs.size());
                fs.add(pool.submit(() -> c.read(r)));
            }
            for (int i = 0; i < fs.size(); i++) {
                assertThat(fs.get(i).get()).hasSize(20000);
            }
        }
        assertThat(fetches).hasValue(4);
    }

    @Test
    void evictsLeastRecentlyUsedBeyondItsBound() throws Exception {
        DirStore store = new DirStore(tmp.resolve("store"));
        List<BlockRef> refs = storeBlocks(store, 6, BlockCodec.BLOCK_SIZE / 2);
        BlockCache cache = new BlockCache(tmp.resolve("cache"), BlockCodec.BLOCK_SIZE * 2L, new StoreBlockReader(store));
        long t = System.currentTimeMillis() - 100_000;
        for (int i = 0; i < 4; i++) {
            cache.read(refs.get(i));
            Files.setLastModifiedTime(cache.pathOf(refs.get(i).id()), FileTime.fromMillis(t + i * 1000));
        }
        cache.read(refs.get(0)); // a hit makes block 0 the most recent
        assertThat(cache.size()).isEqualTo(2L * BlockCodec.BLOCK_SIZE);
        cache.read(refs.get(4)); // over the bound: evict down to 90 %
        assertThat(cache.size()).isLessThanOrEqualTo(BlockCodec.BLOCK_SIZE * 2L * 9 / 10);
        assertThat(cache.pathOf(refs.get(0).id())).exists();
        assertThat(cache.pathOf(refs.get(4).id())).exists();
        assertThat(cache.pathOf(refs.get(1).id())).doesNotExist();
        assertThat(cache.pathOf(refs.get(2).id())).doesNotExist();
        // a new process sees what is on disk
        assertThat(new BlockCache(tmp.resolve("cache"), BlockCodec.BLOCK_SIZE * 2L, r -> null).size())
                .isEqualTo(cache.size());
    }

    @Test
    void aDamagedCacheFileIsFetchedAgainAndCorruptBlocksAreNeverCached() throws Exception {
        DirStore store = new DirStore(tmp.resolve("store"));
        List<BlockRef> refs = storeBlocks(store, 2, 5000);
        BlockCache cache = new BlockCache(tmp.resolve("cache"), 10 << 20, new StoreBlockReader(store));
        byte[] good = cache.read(refs.get(0));
        Files.write(cache.pathOf(refs.get(0).id()), new byte[] {1, 2, 3});
        assertThat(cache.read(refs.get(0))).isEqualTo(good);
        Path stored = store.pathOf(refs.get(1).id());
        byte[] bytes = Files.readAllBytes(stored);
        bytes[0] ^= 1;
        Files.write(stored, bytes);
        assertThatThrownBy(() -> cache.read(refs.get(1))).isInstanceOf(BlockCorruptException.class);
        assertThat(cache.pathOf(refs.get(1).id())).doesNotExist();
    }
}
