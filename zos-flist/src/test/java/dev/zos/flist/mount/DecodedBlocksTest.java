package dev.zos.flist.mount;

import dev.zos.flist.pack.Trees;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodedBlocksTest {

    @TempDir
    Path tmp;

    /** Stores {@code n} distinct blocks and returns their refs. */
    private List<BlockRef> store(DirStore store, int n) {
        BlockCodec codec = new BlockCodec();
        List<BlockRef> refs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] plain = Trees.random(i, 1000 + i);
            BlockCodec.Encoded e = codec.encode(plain, 0, plain.length);
            store.set(e.ref().id(), e.bytes());
            refs.add(e.ref());
        }
        return refs;
    }

    @Test
    void keepsRecentBlocksDecodedAndEvictsTheOldest() {
        DirStore store = new DirStore(tmp.resolve("store"));
        List<BlockRef> refs = store(store, 3);
        AtomicInteger fetches = new AtomicInteger();
        StoreBlockReader real = new StoreBlockReader(store);
        BlockReader counting = ref -> {
            fetches.incrementAndGet();
            return real.read(ref);
        };
        try (DecodedBlocks blocks = new DecodedBlocks(counting, 2, 1, 4)) {
            for (int i = 0; i < 10; i++) {
                assertThat(blocks.get(refs.get(0))).isEqualTo(Trees.random(0, 1000));
            }
            assertThat(fetches).hasValue(1);
            blocks.get(refs.get(1));
            blocks.get(refs.get(0));
            blocks.get(refs.get(2)); // evicts 1, the least recently used
            assertThat(fetches).hasValue(3);
            blocks.get(refs.get(0));
            assertThat(fetches).hasValue(3);
            blocks.get(refs.get(1));
            assertThat(fetches).hasValue(4);
        }
    }

    @Test
    void readAheadFetchesOnceAndAReaderWaitsForIt() throws Exception {
        DirStore store = new DirStore(tmp.resolve("store"));
        List<BlockRef> refs = store(store, 4);
        AtomicInteger fetches = new AtomicInteger();
        StoreBlockReader real = new StoreBlockReader(store);
        BlockReader slow = ref -> {
            fetches.incrementAndGet();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return real.read(ref);
        };
        try (DecodedBlocks blocks = new DecodedBlocks(slow, 8, 2, 2)) {
            for (BlockRef r : refs) {
                blocks.prefetch(r); // only 2 may be in flight: the rest is dropped
            }
            for (int i = 0; i < refs.size(); i++) {
                assertThat(blocks.get(refs.get(i))).isEqualTo(Trees.random(i, 1000 + i));
            }
            assertThat(fetches).hasValue(4);
        }
    }

    @Test
    void aCorruptBlockFailsEveryTimeAndIsNeverKept() throws Exception {
        DirStore store = new DirStore(tmp.resolve("store"));
        List<BlockRef> refs = store(store, 1);
        Path p = store.pathOf(refs.get(0).id());
        byte[] bytes = Files.readAllBytes(p);
        bytes[3] ^= 1;
        Files.write(p, bytes);
        try (DecodedBlocks blocks = new DecodedBlocks(new StoreBlockReader(store), 8, 1, 1)) {
            blocks.prefetch(refs.get(0));
            assertThatThrownBy(() -> blocks.get(refs.get(0))).isInstanceOf(BlockCorruptException.class);
            assertThatThrownBy(() -> blocks.get(refs.get(0))).isInstanceOf(BlockCorruptException.class);
        }
    }

    @Test
    void mountinfoEscapesAreDecoded() {
        assertThat(MountTable.unescape("/tmp/with\\040space\\011tab\\134back")).isEqualTo("/tmp/with space\ttab\\back");
        assertThat(MountTable.unescape("/plain")).isEqualTo("/plain");
    }
}
