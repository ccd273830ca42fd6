package dev.zos.flist.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import dev.zos.flist.block.StoreBlockReader;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flist.meta.Route;
import dev.zos.flist.pack.PackOptions;
import dev.zos.flist.pack.PackResult;
import dev.zos.flist.pack.Packer;
import dev.zos.flist.unpack.UnpackOptions;
import dev.zos.flist.unpack.Unpacker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every writable block store owes its callers, run against each one (dir, s3, zdb) by a subclass
 * that says how to reach a live store and one that is down.
 */
public abstract class BlockStoreContract {

    @TempDir
    protected Path tmp;

    /** A URL of a live, writable store (with its secret, if it has one); each call may name a fresh store. */
    protected abstract String liveUrl() throws Exception;

    /** A URL of the same kind whose server is not there. */
    protected abstract String downUrl() throws Exception;

    /** The secret in {@link #liveUrl()}/{@link #downUrl()} that must never show in messages, or null. */
    protected abstract String secret();

    protected static byte[] randomId(Random r, int first) {
        byte[] id = new byte[32];
        r.nextBytes(id);
        id[0] = (byte) first;
        return id;
    }

    private BlockStore open(String url) {
        return Stores.defaults().open(url);
    }

    @Test
    void setGetExists() throws Exception {
        Random r = new Random(1);
        try (BlockStore s = open(liveUrl())) {
            assertThat(s.url()).isEqualTo(StoreUrls.stripPassword(s.fullUrl()));
            if (secret() != null) {
                assertThat(s.url()).doesNotContain(secret());
            }
            byte[] id = randomId(r, 0x42);
            assertThat(s.exists(id)).isFalse();
            s.set(id, new byte[] {9, 9, 1, 2, 3, 9}, 2, 3);
            assertThat(s.exists(id)).isTrue();
            assertThat(s.get(id)).containsExactly(1, 2, 3);
            s.set(id, new byte[] {1, 2, 3});
            assertThat(s.get(id)).as("storing an id twice is harmless").containsExactly(1, 2, 3);

            byte[] big = new byte[600_000];
            r.nextBytes(big);
            byte[] bigId = randomId(r, 0xff);
            s.set(bigId, big);
            assertThat(s.get(bigId)).isEqualTo(big);
            assertThat(s.exists(bigId)).isTrue();
        }
    }

    @Test
    void aMissingBlockIsNotFoundAndNamesTheStore() throws Exception {
        try (BlockStore s = open(liveUrl())) {
            byte[] id = randomId(new Random(2), 0x07);
            assertThat(s.exists(id)).isFalse();
            assertThatThrownBy(() -> s.get(id)).isInstanceOf(ZosException.class)
                    .satisfies(e -> assertThat(((ZosException) e).kind()).isEqualTo(ZosException.Kind.NOT_FOUND))
                    .hasMessageContaining("block " + HexFormat.of().formatHex(id) + " not found")
                    .hasMessageContaining(s.url());
        }
    }

    @Test
    void aStoreThatIsDownIsNamedWithoutItsSecret() throws Exception {
        String url = downUrl();
        String safe = StoreUrls.stripPassword(url);
        byte[] id = randomId(new Random(3), 0x10);
        try (BlockStore s = open(url)) {
            for (ThrowingCall call : List.<ThrowingCall>of(() -> s.get(id), () -> s.set(id, new byte[] {1}), () -> s.exists(id))) {
                assertThatThrownBy(call::run).isInstanceOf(ZosException.class)
                        .satisfies(e -> assertThat(((ZosException) e).kind()).isEqualTo(ZosException.Kind.UNAVAILABLE))
                        .hasMessageContaining("store " + safe + " is unavailable")
                        .satisfies(e -> {
                            if (secret() != null) {
                                assertThat(e.getMessage()).doesNotContain(secret());
                            }
                        });
            }
        }
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void packAndUnpackATreeThroughARouterOverThisStore() throws Exception {
        Path tree = smallTree(tmp.resolve("tree"));
        String url = liveUrl();
        Path fl = tmp.resolve("tree.fl");
        PackResult packed;
        try (BlockStore s = Stores.defaults().openRouted(List.of("00-7f=" + url, "80-ff=" + url))) {
            assertThat(s).isInstanceOf(RouterStore.class);
            packed = Packer.pack(tree, fl, s, PackOptions.defaults());
        }
        assertThat(packed).isNotNull();
        Path out = tmp.resolve("out");
        try (FlistReader r = FlistReader.open(fl); BlockStore s = Stores.defaults().openRouted(List.of(url))) {
            String safe = StoreUrls.stripPassword(url);
            assertThat(r.routes()).as("routes carry no secret").containsExactly(new Route(0, 0x7f, safe), new Route(0x80, 0xff, safe));
            Unpacker.unpack(r, new StoreBlockReader(s), out, UnpackOptions.defaults().withPreserveOwnership(false));
        }
        assertThat(describe(out)).containsExactlyEntriesOf(describe(tree));
    }

    /** A few files that cover empty, one block, several blocks, duplicates, a symlink and nesting. */
    static Path smallTree(Path root) throws IOException {
        Random r = new Random(7);
        Files.createDirectories(root.resolve("a/b/c"));
        Files.write(root.resolve("empty"), new byte[0]);
        Files.writeString(root.resolve("hello.txt"), "hello flist\n");
        byte[] big = new byte[3 * 524288 + 1234];
        r.nextBytes(big);
        Files.write(root.resolve("a/big.bin"), big);
        byte[] same = new byte[524288];
        Files.write(root.resolve("a/b/zeros1"), same);
        Files.write(root.resolve("a/b/c/zeros2"), same);
        Files.createSymbolicLink(root.resolve("link"), Path.of("a/big.bin"));
        return root;
    }

    static Map<String, String> describe(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                String rel = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    m.put(rel, "link " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    m.put(rel, "dir");
                } else {
                    m.put(rel, "file " + HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(Files.readAllBytes(p))));
                }
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return m;
    }
}
