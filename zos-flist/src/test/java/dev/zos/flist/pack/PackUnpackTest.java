package dev.zos.flist.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import dev.zos.flist.block.StoreBlockReader;
import dev.zos.flist.meta.BlockRef;
import dev.zos.flist.meta.FileType;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flist.meta.Inode;
import dev.zos.flist.meta.Route;
import dev.zos.flist.store.BlockStore;
import dev.zos.flist.store.Stores;
import dev.zos.flist.store.dir.DirStore;
import dev.zos.flist.unpack.UnpackOptions;
import dev.zos.flist.unpack.UnpackResult;
import dev.zos.flist.unpack.Unpacker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackUnpackTest {

    @TempDir
    static Path shared;
    static Path tree;
    static Path storeDir;
    static Path fl;
    static PackResult packed;
    static List<PackProgress> progress = new CopyOnWriteArrayList<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void packTheNastyTree() throws Exception {
        tree = shared.resolve("tree");
        Trees.nasty(tree);
        storeDir = shared.resolve("store");
        fl = shared.resolve("nasty.fl");
        try (BlockStore store = Stores.defaults().openRouted(List.of("dir://" + storeDir))) {
            packed = Packer.pack(tree, fl, store, PackOptions.builder().tag("author", "tests").tag("version=1.0")
                    .progress(progress::add).build());
        }
    }

    private static UnpackResult unpack(Path flist, Path target, boolean preserve) {
        try (FlistReader r = FlistReader.open(flist); BlockStore s = Stores.defaults().openRoutes(r.routes())) {
            return Unpacker.unpack(r, new StoreBlockReader(s), target, UnpackOptions.defaults().withPreserveOwnership(preserve));
        }
    }

    @Test
    void roundTripRestoresAnIdenticalTree() throws Exception {
        Path out = tmp.resolve("out");
        UnpackResult r = unpack(fl, out, Trees.ROOT);
        Map<String, String> expected = Trees.describe(tree, Trees.ROOT);
        Map<String, String> actual = Trees.describe(out, Trees.ROOT);
        assertThat(actual).containsExactlyEntriesOf(expected);
        assertThat(expected).hasSizeGreaterThan(2150);
        assertThat(r.skipped()).isEmpty();
        assertThat(r.specials()).isEqualTo(Trees.ROOT ? 3 : 1);
        // the sparse file stays sparse
        long blocks = (Long) Files.getAttribute(out.resolve("sizes/sparse"), "unix:size");
        assertThat(blocks).isEqualTo(5L * 524288 + 100);
        assertThat(Files.getAttribute(out.resolve("sizes/allzero-tail"), "unix:size")).isEqualTo(3L * 524288);
    }

    @Test
    void flistRecordsWhatRfsExpects() throws Exception {
        try (FlistReader r = FlistReader.open(fl)) {
            assertThat(r.tags()).containsEntry("author", "tests").containsEntry("version", "1.0");
            assertThat(r.routes()).containsExactly(Route.all("dir://" + storeDir));
            Inode root = r.root();
            assertThat(root.ino()).isEqualTo(1);
            assertThat(root.parent()).isZero();
            assertThat(r.children(1).stream().map(Inode::name)).containsExactly("d0", "intl", "links", "many", "modes", "sizes");
            assertThat(r.lookup("/sizes/s0").orElseThrow().size()).isZero();
            assertThat(r.blocks(r.lookup("/sizes/s0").orElseThrow().ino())).isEmpty();
            assertThat(r.blocks(r.lookup("/sizes/s524287").orElseThrow().ino())).hasSize(1);
            assertThat(r.blocks(r.lookup("/sizes/s524288").orElseThrow().ino())).hasSize(1);
            assertThat(r.blocks(r.lookup("/sizes/s524289").orElseThrow().ino())).hasSize(2);
            Inode suid = r.lookup("/modes/suid").orElseThrow();
            assertThat(suid.mode()).isEqualTo(0104755);
            assertThat(r.lookup("/modes/tmp").orElseThrow().mode()).isEqualTo(041777);
            assertThat(r.lookup("/modes/fifo").orElseThrow().type()).isEqualTo(FileType.FIFO);
            assertThat(r.lookup("/links/abs").orElseThrow().linkTarget()).isEqualTo("/etc/hostname");
            assertThat(r.lookup("/links/abs").orElseThrow().type()).isEqualTo(FileType.SYMLINK);
            Inode h1 = r.lookup("/links/hard1").orElseThrow();
            Inode t = r.lookup("/links/target.txt").orElseThrow();
            assertThat(h1.ino()).isNotEqualTo(t.ino());
            assertThat(r.blocks(h1.ino())).isEqualTo(r.blocks(t.ino()));
            List<String> many = r.children(r.lookup("/many").orElseThrow().ino()).stream().map(Inode::name).toList();
            assertThat(many).hasSize(2100).isSorted();
            if (Trees.ROOT) {
                Inode dev = r.lookup("/modes/loop9").orElseThrow();
                assertThat(dev.type()).isEqualTo(FileType.BLOCK_DEVICE);
                assertThat(dev.rdev()).isEqualTo(7 * 256 + 9);
                Inode priv = r.lookup("/modes/private").orElseThrow();
                assertThat(priv.uid()).isEqualTo(1234);
                assertThat(priv.gid()).isEqualTo(4321);
            }
        }
        assertThat(packed.files()).isEqualTo(2100 + 11 + 3 + 4 + 3 + 1);
        assertThat(packed.symlinks()).isEqualTo(5);
        assertThat(progress).isNotEmpty();
        PackProgress last = progress.get(progress.size() - 1);
        assertThat(last.files()).isEqualTo(packed.files());
        assertThat(last.bytes()).isEqualTo(packed.bytes());
    }

    @Test
    void packingIsDeterministic() throws Exception {
        Path again = tmp.resolve("again.fl");
        try (BlockStore store = new DirStore(storeDir)) {
            Packer.pack(tree, again, store, PackOptions.builder().tag("author", "tests").tag("version", "1.0").build());
        }
        assertThat(dump(again)).isEqualTo(dump(fl));
    }

    static List<String> dump(Path flist) {
        List<String> rows = new ArrayList<>();
        try (FlistReader r = FlistReader.open(flist)) {
            r.walk((p, i) -> {
                StringBuilder sb = new StringBuilder(i.ino() + " " + i.parent() + " " + p + " " + i.mode() + " " + i.mtime());
                for (BlockRef b : r.blocks(i.ino())) {
                    sb.append(' ').append(b.idHex());
                }
                rows.add(sb.toString());
                return true;
            });
        }
        return rows;
    }

    @Test
    void dedupUploadsEachBlockOnceAndRepackSkipsPresentBlocks() throws Exception {
        Path src = tmp.resolve("dup");
        Files.createDirectories(src.resolve("a"));
        Files.createDirectories(src.resolve("b"));
        byte[] content = Trees.random(42, 3 * 524288 + 1000);
        Files.write(src.resolve("a/one"), content);
        Files.write(src.resolve("b/two"), content);
        Files.write(src.resolve("b/three"), content);
        Path store = tmp.resolve("store");
        PackResult first;
        try (BlockStore s = new DirStore(store)) {
            first = Packer.pack(src, tmp.resolve("1.fl"), s, PackOptions.builder().workers(3).build());
        }
        assertThat(first.blocks()).isEqualTo(12);
        assertThat(first.uploadedBlocks()).isEqualTo(4);
        assertThat(countFiles(store)).isEqualTo(4);
        assertThat(first.dedupBytes()).isEqualTo(2L * content.length);
        PackResult second;
        try (BlockStore s = new DirStore(store)) {
            second = Packer.pack(src, tmp.resolve("2.fl"), s, PackOptions.defaults());
        }
        assertThat(second.uploadedBlocks()).isZero();
        assertThat(second.presentBlocks()).isEqualTo(4);
        assertThat(countFiles(store)).isEqualTo(4);
        assertThat(dump(tmp.resolve("2.fl"))).isEqualTo(dump(tmp.resolve("1.fl")));
    }

    @Test
    void changeIndexSkipsUnchangedFilesAndNoticesChanges() throws Exception {
        Path src = tmp.resolve("src");
        Files.createDirectories(src);
        Files.write(src.resolve("big"), Trees.random(1, 20 * 524288 + 3));
        Files.write(src.resolve("small"), Trees.random(2, 100));
        Files.write(src.resolve("other"), Trees.random(3, 200));
        Path store = tmp.resolve("store");
        Path index = tmp.resolve("cache/pack-index.db");
        PackOptions opts = PackOptions.builder().changeIndex(index).build();
        try (BlockStore s = new DirStore(store)) {
            PackResult a = Packer.pack(src, tmp.resolve("a.fl"), s, opts);
            assertThat(a.unchangedFiles()).isZero();
            PackResult b = Packer.pack(src, tmp.resolve("b.fl"), s, opts);
            assertThat(b.unchangedFiles()).isEqualTo(3);
            assertThat(dump(tmp.resolve("b.fl"))).isEqualTo(dump(tmp.resolve("a.fl")));
            Files.write(src.resolve("small"), Trees.random(4, 100));
            PackResult c = Packer.pack(src, tmp.resolve("c.fl"), s, opts);
            assertThat(c.unchangedFiles()).isEqualTo(2);
            assertThat(c.uploadedBlocks()).isEqualTo(1);
        }
        // a block that vanished from the store makes the file be read again
        try (var files = Files.walk(store)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.delete(p);
            }
        }
        try (BlockStore s = new DirStore(store)) {
            PackResult d = Packer.pack(src, tmp.resolve("d.fl"), s, opts);
            assertThat(d.unchangedFiles()).isZero();
            assertThat(d.uploadedBlocks()).isEqualTo(21 + 1 + 1);
        }
        Path out = tmp.resolve("out");
        unpack(tmp.resolve("d.fl"), out, false);
        assertThat(Trees.describe(out, false)).isEqualTo(Trees.describe(src, false));
    }

    @Test
    void memoryIsBoundedByTheWorkersNotTheFileSize() throws Exception {
        Path src = tmp.resolve("src");
        Files.createDirectories(src);
        Files.write(src.resolve("large"), Trees.random(9, 24 * 524288));
        PackResult r;
        try (BlockStore s = new DirStore(tmp.resolve("store"))) {
            r = Packer.pack(src, tmp.resolve("l.fl"), s, PackOptions.builder().workers(2).queueDepth(1).build());
        }
        assertThat(r.blocks()).isEqualTo(24);
        assertThat(r.peakInflightBlocks()).isBetween(1, 2);
    }

    /** Packs five files of distinct random content into a fresh store; returns the flist. */
    private Path smallPack(Path store) throws Exception {
        Path src = tmp.resolve("small-src");
        Files.createDirectories(src.resolve("sub"));
        for (int i = 0; i < 5; i++) {
            Files.write(src.resolve("sub/f" + i), Trees.random(100 + i, 524288 + 1000 * i));
        }
        Path flist = tmp.resolve("small.fl");
        try (BlockStore s = new DirStore(store)) {
            Packer.pack(src, flist, s, PackOptions.defaults());
        }
        return flist;
    }

    private static Path blockFile(Path flist, Path store, String path, int block) {
        try (FlistReader r = FlistReader.open(flist)) {
            BlockRef ref = r.blocks(r.lookup(path).orElseThrow().ino()).get(block);
            return new DirStore(store).pathOf(ref.id());
        }
    }

    @Test
    void aTamperedBlockFailsOnExactlyThatFile() throws Exception {
        Path store = tmp.resolve("store");
        Path flist = smallPack(store);
        Path victim = blockFile(flist, store, "/sub/f3", 1);
        byte[] b = Files.readAllBytes(victim);
        b[b.length / 2] ^= 0x40;
        Files.write(victim, b);
        assertThatThrownBy(() -> unpack(flist, tmp.resolve("out"), false))
                .isInstanceOf(ZosException.class)
                .hasMessageStartingWith("cannot restore /sub/f3: block 2 of 2 is corrupt")
                .hasMessageContaining("does not match its id");
    }

    @Test
    void aMissingBlockIsNamed() throws Exception {
        Path store = tmp.resolve("store");
        Path flist = smallPack(store);
        Path victim = blockFile(flist, store, "/sub/f1", 0);
        Files.delete(victim);
        assertThatThrownBy(() -> unpack(flist, tmp.resolve("out"), false))
                .isInstanceOf(ZosException.class)
                .hasMessageStartingWith("cannot restore /sub/f1: block 1 of 2: block "
                        + victim.getFileName() + " not found in store dir://" + store);
    }

    @Test
    void aStoreThatIsDownIsNamed() throws Exception {
        Path down = tmp.resolve("no-such-store");
        Path flCopy = withStore(down);
        assertThatThrownBy(() -> unpack(flCopy, tmp.resolve("out"), false))
                .isInstanceOf(ZosException.class)
                .hasMessageContaining("store dir://" + down + " is unavailable");
        Path file = tmp.resolve("file");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> {
            try (BlockStore s = Stores.defaults().open("dir://" + file.resolve("sub"))) {
                Packer.pack(tree.resolve("links"), tmp.resolve("x.fl"), s, PackOptions.defaults());
            }
        }).isInstanceOf(ZosException.class).hasMessageContaining("store dir://" + file.resolve("sub") + " is unavailable");
        assertThat(tmp.resolve("x.fl")).doesNotExist();
    }

    @Test
    void passwordsAreStrippedFromRoutesUnlessAsked() throws Exception {
        Path src = tmp.resolve("src");
        Files.createDirectories(src);
        Files.writeString(src.resolve("f"), "x");
        Path a = tmp.resolve("a");
        try (BlockStore s = Stores.defaults().openRouted(List.of("00-7f=dir://" + a, "80-ff=http://u:pw@127.0.0.1:1/b"))) {
            // writes to the http half would fail: pack an empty tree to see the routes only
            Path empty = Files.createDirectories(tmp.resolve("empty"));
            Packer.pack(empty, tmp.resolve("s.fl"), s, PackOptions.defaults());
            Packer.pack(empty, tmp.resolve("k.fl"), s, PackOptions.builder().keepPasswords(true).build());
        }
        try (FlistReader r = FlistReader.open(tmp.resolve("s.fl"))) {
            assertThat(r.routes()).containsExactly(new Route(0, 0x7f, "dir://" + a), new Route(0x80, 0xff, "http://u@127.0.0.1:1/b"));
        }
        try (FlistReader r = FlistReader.open(tmp.resolve("k.fl"))) {
            assertThat(r.routes().get(1).url()).isEqualTo("http://u:pw@127.0.0.1:1/b");
        }
    }

    @Test
    void unpackRefusesNamesThatEscapeTheTarget() throws Exception {
        for (String bad : List.of("..", "a/../../x", "/etc", ".")) {
            Path flist = tmp.resolve("bad" + bad.hashCode() + ".fl");
            try (var w = dev.zos.flist.meta.FlistWriter.create(flist)) {
                w.inode(new Inode(0, 0, "/", 0, 0, 0, 040755, 0, 0, 0, null));
                w.inode(new Inode(0, 1, bad, 0, 0, 0, 0100644, 0, 0, 0, null));
                w.route(Route.all("dir://" + storeDir));
            }
            assertThatThrownBy(() -> unpack(flist, tmp.resolve("out"), false))
                    .isInstanceOf(ZosException.class).hasMessageContaining("refusing to unpack entry '" + bad + "'");
        }
        assertThat(tmp.resolve("x")).as("out/a/../../x lands here when an escape is not refused").doesNotExist();
    }

    @Test
    void unpackDoesNotFollowAnExistingSymlinkInTheTarget() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(out.resolve("links"), outside);
        assertThatThrownBy(() -> unpack(fl, out, false)).isInstanceOf(ZosException.class)
                .hasMessageContaining("exists and is not a directory");
        assertThat(outside).isEmptyDirectory();
    }

    /** A copy of the nasty flist whose route points at {@code store}. */
    private Path withStore(Path store) {
        Path copy = tmp.resolve("copy.fl");
        try {
            Files.copy(fl, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + copy); var st = c.createStatement()) {
                st.executeUpdate("update route set url = 'dir://" + store + "'");
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return copy;
    }

    private static long countFiles(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }
}
