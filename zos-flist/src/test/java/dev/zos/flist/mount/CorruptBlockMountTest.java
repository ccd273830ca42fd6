package dev.zos.flist.mount;

import dev.zos.flist.pack.Trees;
import static dev.zos.flist.pack.Trees.BLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.flist.meta.BlockRef;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flist.pack.PackOptions;
import dev.zos.flist.pack.Packer;
import dev.zos.flist.store.BlockStore;
import dev.zos.flist.store.dir.DirStore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged or missing block fails reads of exactly the file (and range) that needs it, with EIO. */
class CorruptBlockMountTest {

    @TempDir
    Path tmp;
    Path fl;
    Path storeDir;
    byte[] a;
    byte[] b;

    @BeforeEach
    void pack() throws Exception {
        FuseSupport.require();
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        a = Trees.random(1, 3 * BLOCK + 10);
        b = Trees.random(2, 2 * BLOCK);
        Files.write(tree.resolve("a.bin"), a);
        Files.write(tree.resolve("b.bin"), b);
        fl = tmp.resolve("t.fl");
        storeDir = tmp.resolve("store");
        try (BlockStore store = new DirStore(storeDir)) {
            Packer.pack(tree, fl, store, PackOptions.defaults());
        }
    }

    private Path storedBlock(String file, int index) {
        try (FlistReader r = FlistReader.open(fl)) {
            List<BlockRef> blocks = r.blocks(r.lookup(file).orElseThrow().ino());
            return new DirStore(storeDir).pathOf(blocks.get(index).id());
        }
    }

    @Test
    void aTamperedBlockGivesEioForItsFileOnly() throws Exception {
        Path stored = storedBlock("/a.bin", 1);
        byte[] bytes = Files.readAllBytes(stored);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(stored, bytes);

        List<String> log = captureLog();
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        try (MountFixture m = MountFixture.mount(fl, tmp.resolve("cache"), mnt, MountOptions.defaults())) {
            assertThatThrownBy(() -> Files.readAllBytes(m.root().resolve("a.bin"))).isInstanceOf(IOException.class)
                    .hasMessageContaining("Input/output error");
            assertThat(Files.readAllBytes(m.root().resolve("b.bin"))).isEqualTo(b);
            // the intact blocks of the damaged file still read, lazily
            assertThat(range(m.root().resolve("a.bin"), 0, 1000)).isEqualTo(Arrays.copyOfRange(a, 0, 1000));
            assertThat(range(m.root().resolve("a.bin"), 2L * BLOCK + 5, 1000))
                    .isEqualTo(Arrays.copyOfRange(a, 2 * BLOCK + 5, 2 * BLOCK + 1005));
            assertThatThrownBy(() -> range(m.root().resolve("a.bin"), BLOCK + 7, 10)).isInstanceOf(IOException.class);
        }
        assertThat(log).anySatisfy(l -> assertThat(l).contains("/a.bin").contains("block 1")
                .contains(stored.getFileName().toString()));
        assertThat(log).noneSatisfy(l -> assertThat(l).contains("b.bin"));
    }

    @Test
    void aMissingBlockGivesEio() throws Exception {
        Files.delete(storedBlock("/b.bin", 1));
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        try (MountFixture m = MountFixture.mount(fl, tmp.resolve("cache"), mnt, MountOptions.defaults())) {
            assertThat(range(m.root().resolve("b.bin"), 0, 100)).isEqualTo(Arrays.copyOf(b, 100));
            assertThatThrownBy(() -> Files.readAllBytes(m.root().resolve("b.bin"))).isInstanceOf(IOException.class)
                    .hasMessageContaining("Input/output error");
            assertThat(Files.readAllBytes(m.root().resolve("a.bin"))).isEqualTo(a);
        }
    }

    static byte[] range(Path p, long off, int len) throws IOException {
        try (FileChannel ch = FileChannel.open(p)) {
            ByteBuffer buf = ByteBuffer.allocate(len);
            int n = FlistMountIT.readFully(ch, buf, off);
            return Arrays.copyOf(buf.array(), n);
        }
    }

    private static List<String> captureLog() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Logger.getLogger(FlistFs.class.getName()).addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        return lines;
    }
}
