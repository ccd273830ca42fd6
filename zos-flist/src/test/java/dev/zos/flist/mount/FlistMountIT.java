package dev.zos.flist.mount;

import dev.zos.flist.pack.Trees;
import static dev.zos.flist.pack.Trees.BLOCK;
import static dev.zos.flist.pack.Trees.NOFOLLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import dev.zos.flist.pack.PackOptions;
import dev.zos.flist.pack.Packer;
import dev.zos.flist.store.BlockStore;
import dev.zos.flist.store.Stores;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real FUSE mounts of a packed nasty tree, compared entry by entry and byte by byte with the original. */
class FlistMountIT {

    @TempDir
    static Path shared;
    static Path tree;
    static Path fl;

    @TempDir
    Path tmp;

    @BeforeAll
    static void packTheNastyTree() throws Exception {
        FuseSupport.require();
        tree = shared.resolve("tree");
        Trees.nasty(tree);
        fl = shared.resolve("nasty.fl");
        try (BlockStore store = Stores.defaults().openRouted(List.of("dir://" + shared.resolve("store")))) {
            Packer.pack(tree, fl, store, PackOptions.defaults());
        }
    }

    @Test
    void everyEntryReadsBackAsPacked() throws Exception {
        try (MountFixture m = MountFixture.mount(fl, tmp.resolve("cache"), mnt(), MountOptions.defaults())) {
            Map<String, String> want = describe(tree);
            Map<String, String> got = describe(m.root());
            assertThat(got.keySet()).containsExactlyElementsOf(want.keySet());
            for (String p : want.keySet()) {
                assertThat(got.get(p)).as(p).isEqualTo(want.get(p));
            }
            assertThat(want).hasSizeGreaterThan(2000);

            // hard links: every name has the content and metadata of the others
            Path links = m.root().resolve("links");
            assertThat(Files.readString(links.resolve("hard1"))).isEqualTo("hard and soft\n");
            assertThat(Files.getLastModifiedTime(links.resolve("hard2")))
                    .isEqualTo(Files.getLastModifiedTime(links.resolve("target.txt")));
            // the relative symlink resolves inside the mount
            assertThat(Files.readAllBytes(links.resolve("rel"))).isEqualTo(Trees.random(1, 1));
            try (Stream<Path> listed = Files.list(links.resolve("dirlink"))) {
                assertThat(listed.count()).isEqualTo(2100);
            }
        }
    }

    @Test
    void randomOffsetReadsAndParallelReadersGetTheRightBytes() throws Exception {
        try (MountFixture m = MountFixture.mount(fl, tmp.resolve("cache"), mnt(), MountOptions.defaults())) {
            Random rnd = new Random(42);
            List<String> files = List.of("sizes/s1", "sizes/s4095", "sizes/s" + (BLOCK - 1), "sizes/s" + BLOCK,
                    "sizes/s" + (BLOCK + 1), "sizes/s" + 2 * BLOCK, "sizes/s" + (6 * BLOCK + 12345), "sizes/sparse",
                    "sizes/allzero-tail");
            for (String f : files) {
                byte[] want = Files.readAllBytes(tree.resolve(f));
                try (FileChannel ch = FileChannel.open(m.root().resolve(f))) {
                    assertThat(ch.size()).as(f).isEqualTo(want.length);
                    for (int i = 0; i < 40; i++) {
                        int off = rnd.nextInt(want.length + 10);
                        int len = 1 + rnd.nextInt(Math.min(3 * BLOCK, want.length + 1));
                        ByteBuffer buf = ByteBuffer.allocate(len);
                        int n = readFully(ch, buf, off);
                        int expected = Math.max(0, Math.min(len, want.length - off));
                        assertThat(n).as("%s @%d+%d", f, off, len).isEqualTo(expected);
                        assertThat(Arrays.copyOf(buf.array(), n))
                                .isEqualTo(Arrays.copyOfRange(want, Math.min(off, want.length), Math.min(off, want.length) + n));
                    }
                }
            }
            Path big = m.root().resolve("sizes/s" + (6 * BLOCK + 12345));
            byte[] want = Files.readAllBytes(tree.resolve("sizes/s" + (6 * BLOCK + 12345)));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<byte[]>> reads = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    reads.add(pool.submit((Callable<byte[]>) () -> Files.readAllBytes(big)));
                }
                for (Future<byte[]> r : reads) {
                    assertThat(r.get()).isEqualTo(want);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aReadFetchesOnlyTheBlocksItCovers() throws Exception {
        Path cache = tmp.resolve("cache");
        String name = "sizes/s" + (6 * BLOCK + 12345);
        try (MountFixture m = MountFixture.mount(fl, cache, mnt(),
                MountOptions.defaults().withReadAhead(0, 1))) {
            assertThat(cachedBlocks(cache)).isZero();
            try (FileChannel ch = FileChannel.open(m.root().resolve(name))) {
                ByteBuffer buf = ByteBuffer.allocate(4096);
                assertThat(readFully(ch, buf, 2L * BLOCK + 100)).isEqualTo(4096);
                byte[] want = Files.readAllBytes(tree.resolve(name));
                assertThat(buf.array()).isEqualTo(Arrays.copyOfRange(want, 2 * BLOCK + 100, 2 * BLOCK + 100 + 4096));
            }
            assertThat(cachedBlocks(cache)).isEqualTo(1);
            Files.readAllBytes(m.root().resolve(name));
            assertThat(cachedBlocks(cache)).isEqualTo(7);
        }
    }

    @Test
    void theMountIsReadOnlyAndLooksLikeAnFlistMount() throws Exception {
        try (MountFixture m = MountFixture.mount(fl, tmp.resolve("cache"), mnt(), MountOptions.defaults())) {
            MountTable.Entry e = MountTable.at(m.root()).orElseThrow();
            assertThat(e.fsType()).isEqualTo("fuse.g8ufs");
            assertThat(e.source()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
            assertThat(e.options().split(",")).contains("ro");
            assertThat(Files.getFileStore(m.root()).isReadOnly()).isTrue();
            assertThatThrownBy(() -> Files.writeString(m.root().resolve("new-file"), "x")).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> Files.writeString(m.root().resolve("sizes/s1"), "x")).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> Files.delete(m.root().resolve("sizes/s1"))).isInstanceOf(IOException.class);
            assertThat(Files.exists(m.root().resolve("no/such/thing"))).isFalse();
            assertThat(Files.getFileStore(m.root()).getTotalSpace()).isGreaterThanOrEqualTo(6L * BLOCK);
        }
    }

    @Test
    void unmountLeavesNoMountBehind() throws Exception {
        Path target = mnt();
        MountFixture m = MountFixture.mount(fl, tmp.resolve("cache"), target, MountOptions.defaults());
        try {
            assertThat(mountinfoMentions(target)).isTrue();
            assertThatThrownBy(() -> MountFixture.mount(fl, tmp.resolve("cache2"), target, MountOptions.defaults()))
                    .isInstanceOf(ZosException.class).hasMessageContaining("already a mount point");
            FlistMount.unmount(target);
            m.mount().awaitUnmounted();
            assertThat(mountinfoMentions(target)).isFalse();
            assertThat(m.mount().isMounted()).isFalse();
        } finally {
            m.close();
        }
        assertThat(mountinfoMentions(target)).isFalse();
        assertThatThrownBy(() -> FlistMount.unmount(target)).isInstanceOf(ZosException.class)
                .hasMessageContaining("not a mount point");
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertThatThrownBy(() -> MountFixture.mount(fl, tmp.resolve("cache"), file, MountOptions.defaults()))
                .isInstanceOf(ZosException.class).hasMessageContaining("not a directory");
        assertThatThrownBy(() -> MountFixture.mount(fl, tmp.resolve("cache"), tmp.resolve("missing"),
                MountOptions.defaults())).isInstanceOf(ZosException.class).hasMessageContaining("does not exist");
        // a mount can be made again on the same directory
        try (MountFixture again = MountFixture.mount(fl, tmp.resolve("cache"), target, MountOptions.defaults())) {
            assertThat(Files.readString(again.root().resolve("links/target.txt"))).isEqualTo("hard and soft\n");
        }
        assertThat(mountinfoMentions(target)).isFalse();
    }

    Path mnt() throws IOException {
        return Files.createDirectories(tmp.resolve("mnt"));
    }

    static boolean mountinfoMentions(Path target) throws IOException {
        String want = " " + target.toAbsolutePath().normalize() + " ";
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().anyMatch(l -> l.contains(want));
    }

    static long cachedBlocks(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(cache)) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().length() == 64).count();
        }
    }

    static String sha256(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static int readFully(FileChannel ch, ByteBuffer buf, long off) throws IOException {
        int total = 0;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, off + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /** Relative path → everything a mount must show: type and mode, owner, mtime, size, target, rdev, bytes. */
    static Map<String, String> describe(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                out.put(rel(dir), entry(dir));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                out.put(rel(file), entry(file));
                return FileVisitResult.CONTINUE;
            }

            private String rel(Path p) {
                return "/" + root.relativize(p);
            }

            private String entry(Path p) throws IOException {
                Map<String, Object> a = Files.readAttributes(p, "unix:mode,size,lastModifiedTime,rdev,uid,gid,nlink",
                        NOFOLLOW);
                int mode = (Integer) a.get("mode");
                StringBuilder sb = new StringBuilder(String.format("mode=%o", mode));
                sb.append(" mtime=").append(((FileTime) a.get("lastModifiedTime")).toMillis() / 1000);
                sb.append(" owner=").append(a.get("uid")).append(':').append(a.get("gid"));
                int type = mode & 0170000;
                if (type == 0040000) {
                    sb.append(" nlink=").append(a.get("nlink"));
                } else if (type == 0100000) {
                    sb.append(" size=").append(a.get("size"));
                    sb.append(" sha256=").append(sha256(Files.readAllBytes(p)));
                } else if (type == 0120000) {
                    sb.append(" size=").append(a.get("size")).append(" -> ").append(Files.readSymbolicLink(p));
                } else if (type == 0020000 || type == 0060000) {
                    sb.append(" rdev=").append(a.get("rdev"));
                }
                return sb.toString();
            }
        });
        return out;
    }
}
