package dev.zos.flist.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.zos.core.ZosException;
import dev.zos.flist.meta.Route;
import dev.zos.flist.store.dir.DirStore;
import dev.zos.flist.store.http.HttpStore;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {

    @TempDir
    Path tmp;

    static byte[] id(int first, int fill) {
        byte[] id = new byte[32];
        java.util.Arrays.fill(id, (byte) fill);
        id[0] = (byte) first;
        return id;
    }

    @Test
    void dirStoreUsesShardedLayoutAndReadsTheFlatOne() throws Exception {
        Stores stores = Stores.defaults();
        BlockStore s = stores.open("dir://" + tmp.resolve("blocks"));
        byte[] a = id(0xab, 1);
        assertThat(s.exists(a)).isFalse();
        s.set(a, new byte[] {9, 9, 1, 2, 3}, 2, 3);
        String hex = HexFormat.of().formatHex(a);
        assertThat(tmp.resolve("blocks/ab/" + hex)).hasBinaryContent(new byte[] {1, 2, 3});
        assertThat(s.exists(a)).isTrue();
        assertThat(s.get(a)).containsExactly(1, 2, 3);
        try (var files = Files.list(tmp.resolve("blocks/ab"))) {
            assertThat(files.toList()).hasSize(1);
        }
        byte[] flat = id(0x01, 2);
        Files.write(tmp.resolve("blocks/" + HexFormat.of().formatHex(flat)), new byte[] {7});
        BlockStore reopened = stores.open("dir://" + tmp.resolve("blocks"));
        assertThat(reopened.exists(flat)).isTrue();
        assertThat(reopened.get(flat)).containsExactly(7);
        assertThat(s.get(flat)).containsExactly(7);
        assertThatThrownBy(() -> s.get(id(0x02, 3))).isInstanceOf(ZosException.class)
                .satisfies(e -> assertThat(((ZosException) e).kind()).isEqualTo(ZosException.Kind.NOT_FOUND))
                .hasMessageContaining("not found in store dir://" + tmp.resolve("blocks"));
    }

    @Test
    void aStoreThatIsDownIsNamed() {
        BlockStore s = Stores.defaults().open("dir://" + tmp.resolve("absent"));
        assertThatThrownBy(() -> s.get(id(1, 1))).isInstanceOf(ZosException.class)
                .satisfies(e -> assertThat(((ZosException) e).kind()).isEqualTo(ZosException.Kind.UNAVAILABLE))
                .hasMessageContaining("store dir://" + tmp.resolve("absent") + " is unavailable");
        BlockStore h = Stores.defaults().open("http://user:s3cret@127.0.0.1:1/blocks");
        assertThatThrownBy(() -> h.get(id(1, 1))).isInstanceOf(ZosException.class)
                .hasMessageContaining("store http://user@127.0.0.1:1/blocks is unavailable")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void unknownSchemeListsTheKnownOnes() {
        assertThatThrownBy(() -> Stores.defaults().open("ftp://x:pw@host/y")).isInstanceOf(ZosException.class)
                .hasMessage("unknown store URL 'ftp://x@host/y': supported schemes are dir://, http://, https://, s3://, s3+tls://, s3s://, zdb://");
        StoreFactory mem = new StoreFactory() {
            @Override
            public Set<String> schemes() {
                return Set.of("mem");
            }

            @Override
            public BlockStore open(String url) {
                return new DirStore(tmp);
            }
        };
        assertThat(Stores.defaults().with(mem).schemes()).containsExactly("dir", "http", "https", "mem", "s3", "s3+tls", "s3s", "zdb");
    }

    @Test
    void passwordsAreStripped() {
        assertThat(StoreUrls.stripPassword("s3://key:secret@host:9000/bucket?region=x"))
                .isEqualTo("s3://key@host:9000/bucket?region=x");
        assertThat(StoreUrls.stripPassword("zdb://user:p@ss@host:9900/ns")).isEqualTo("zdb://user@host:9900/ns");
        assertThat(StoreUrls.stripPassword("zdb://host:9900/ns")).isEqualTo("zdb://host:9900/ns");
        assertThat(StoreUrls.stripPassword("dir:///a/b@c:d")).isEqualTo("dir:///a/b@c:d");
        assertThat(Stores.parseRoute("00-7f=http://u:p@h/x").route(false)).isEqualTo(new Route(0, 0x7f, "http://u@h/x"));
        assertThat(Stores.parseRoute("00-7f=http://u:p@h/x").route(true)).isEqualTo(new Route(0, 0x7f, "http://u:p@h/x"));
        assertThat(Stores.parseRoute("dir:///x").route(false)).isEqualTo(Route.all("dir:///x"));
        assertThatThrownBy(() -> Stores.parseRoute("80-10=dir:///x")).hasMessageContaining("start is after its end");
        assertThatThrownBy(() -> Stores.parseRoute("0-F=dir:///x")).hasMessageContaining("two lowercase hex digits");
    }

    @Test
    void routerShardsReplicatesAndRecordsRoutes() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path c = tmp.resolve("c");
        BlockStore r = Stores.defaults().openRouted(List.of("00-7f=dir://" + a, "80-ff=dir://" + b, "80-ff=dir://" + c));
        assertThat(r).isInstanceOf(RouterStore.class);
        byte[] low = id(0x10, 1);
        byte[] high = id(0x90, 1);
        r.set(low, new byte[] {1});
        r.set(high, new byte[] {2});
        assertThat(new DirStore(a).exists(low)).isTrue();
        assertThat(new DirStore(a).exists(high)).isFalse();
        assertThat(new DirStore(b).exists(high)).isTrue();
        assertThat(new DirStore(c).exists(high)).isTrue();
        assertThat(r.exists(high)).isTrue();
        Files.delete(new DirStore(c).pathOf(high));
        assertThat(r.exists(high)).as("a replica is missing").isFalse();
        for (int i = 0; i < 20; i++) {
            assertThat(r.get(high)).containsExactly(2);
        }
        assertThat(r.routes(false)).containsExactly(new Route(0, 0x7f, "dir://" + a), new Route(0x80, 0xff, "dir://" + b),
                new Route(0x80, 0xff, "dir://" + c));
        assertThatThrownBy(() -> r.get(id(0x91, 5))).hasMessageContaining("not found in any of");
        BlockStore partial = Stores.defaults().openRouted(List.of("00-0f=dir://" + a));
        assertThatThrownBy(() -> partial.set(id(0x20, 1), new byte[1])).hasMessageContaining("no store is routed");
    }

    @Test
    void routerReadsInRandomOrder() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        byte[] x = id(0x10, 1);
        new DirStore(a).set(x, new byte[] {1});
        new DirStore(b).set(x, new byte[] {2});
        BlockStore r = Stores.defaults().openRouted(List.of("00-ff=dir://" + a, "00-ff=dir://" + b));
        Set<Byte> seen = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 100 && seen.size() < 2; i++) {
            seen.add(r.get(x)[0]);
        }
        assertThat(seen).containsExactlyInAnyOrder((byte) 1, (byte) 2);
    }

    @Test
    void httpStoreReadsNestedThenFlatAndIsReadOnly() throws Exception {
        byte[] nested = id(0xab, 1);
        byte[] flat = id(0xcd, 2);
        String nh = HexFormat.of().formatHex(nested);
        String fh = HexFormat.of().formatHex(flat);
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String p = ex.getRequestURI().getPath();
            seen.add(ex.getRequestMethod() + " " + p + " " + ex.getRequestHeaders().getFirst("Authorization"));
            byte[] body = p.equals("/blocks/ab/" + nh) ? new byte[] {1} : p.equals("/blocks/" + fh) ? new byte[] {2} : null;
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, ex.getRequestMethod().equals("HEAD") ? -1 : body.length);
                ex.getResponseBody().write(ex.getRequestMethod().equals("HEAD") ? new byte[0] : body);
            }
            ex.close();
        });
        server.start();
        try (BlockStore s = Stores.defaults().open("http://u:pw@127.0.0.1:" + server.getAddress().getPort() + "/blocks/")) {
            assertThat(s).isInstanceOf(HttpStore.class);
            assertThat(s.url()).isEqualTo("http://u@127.0.0.1:" + server.getAddress().getPort() + "/blocks/");
            assertThat(s.get(nested)).containsExactly(1);
            assertThat(s.get(flat)).containsExactly(2);
            assertThat(s.exists(flat)).isTrue();
            assertThat(s.exists(id(0, 0))).isFalse();
            assertThatThrownBy(() -> s.get(id(0, 0))).isInstanceOf(ZosException.class).hasMessageContaining("not found");
            assertThatThrownBy(() -> s.set(nested, new byte[1])).isInstanceOf(ZosException.class)
                    .hasMessageContaining("read-only");
            assertThat(seen).contains("GET /blocks/ab/" + nh + " Basic dTpwdw==", "GET /blocks/cd/" + fh + " Basic dTpwdw==",
                    "GET /blocks/" + fh + " Basic dTpwdw==");
        } finally {
            server.stop(0);
        }
    }
}
