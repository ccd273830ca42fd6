package dev.zos.flist.store.zdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import dev.zos.flist.store.BlockStore;
import dev.zos.flist.store.Stores;
import dev.zos.zdb.ZdbConfig;
import dev.zos.zdb.ZdbServer;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZdbStoreTest {

    @TempDir
    Path data;

    private static byte[] id(int first) {
        byte[] id = new byte[32];
        java.util.Arrays.fill(id, (byte) 0x5a);
        id[0] = (byte) first;
        return id;
    }

    private static ZosException.Kind kind(Throwable e) {
        return ((ZosException) e).kind();
    }

    @Test
    void urlsAreReadAsRfsReadsThem() {
        assertThat(ZdbUrl.parse("zdb://hub.grid.tf:9900")).isEqualTo(new ZdbUrl("hub.grid.tf", 9900, null, null, null));
        assertThat(ZdbUrl.parse("zdb://username@hub.grid.tf/custom")).isEqualTo(new ZdbUrl("hub.grid.tf", 9900, null, "custom", null));
        assertThat(ZdbUrl.parse("zdb://u:p%40ss@10.0.0.1:9901/ns/")).isEqualTo(new ZdbUrl("10.0.0.1", 9901, null, "ns", "p@ss"));
        assertThat(ZdbUrl.parse("zdb://:pw@[::1]:9900/ns").host()).isEqualTo("[::1]");
        assertThat(ZdbUrl.parse("zdb:///run/zdb.sock")).isEqualTo(new ZdbUrl(null, 0, Path.of("/run/zdb.sock"), null, null));
        assertThat(ZdbUrl.parse("zdb://h/default").selects()).isFalse();
        assertThat(ZdbUrl.parse("zdb://h/x").selects()).isTrue();
        assertThatThrownBy(() -> ZdbUrl.parse("zdb://u:secret@h/a/b")).hasMessageContaining("one namespace name")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> ZdbUrl.parse("zdb://")).isInstanceOf(ZosException.class);
    }

    @Test
    void passwordsAndPublicNamespacesAreHonoured() throws Exception {
        try (ZdbServer s = ZdbServer.start(ZdbConfig.local(data))) {
            String base = "zdb://127.0.0.1:" + s.port() + "/";
            String priv = ZdbStoreContractTest.namespace(s, "right", false);
            try (BlockStore st = Stores.defaults().open("zdb://u:wrong@127.0.0.1:" + s.port() + "/" + priv)) {
                assertThatThrownBy(() -> st.get(id(1))).satisfies(e -> assertThat(kind(e)).isEqualTo(ZosException.Kind.FORBIDDEN))
                        .hasMessageContaining("store zdb://u@127.0.0.1:" + s.port() + "/" + priv + " refused namespace '" + priv + "': Access denied")
                        .hasMessageNotContaining("wrong");
            }
            try (BlockStore st = Stores.defaults().open(base + priv)) {
                assertThatThrownBy(() -> st.exists(id(1))).hasMessageContaining("Namespace protected and private")
                        .hasMessageContaining("the URL has no password");
            }
            String pub = ZdbStoreContractTest.namespace(s, "right", true);
            try (BlockStore writer = Stores.defaults().open("zdb://:right@127.0.0.1:" + s.port() + "/" + pub);
                 BlockStore reader = Stores.defaults().open(base + pub)) {
                writer.set(id(2), new byte[] {4, 2});
                assertThat(reader.get(id(2))).as("public namespaces read without the password").containsExactly(4, 2);
                assertThatThrownBy(() -> reader.set(id(3), new byte[] {1})).satisfies(e -> assertThat(kind(e)).isEqualTo(ZosException.Kind.FORBIDDEN))
                        .hasMessageContaining("is read-only for us");
            }
            try (BlockStore st = Stores.defaults().open(base + "nope")) {
                assertThatThrownBy(() -> st.get(id(1))).satisfies(e -> assertThat(kind(e)).isEqualTo(ZosException.Kind.INVALID))
                        .hasMessageContaining("has no namespace 'nope'");
            }
            try (BlockStore st = Stores.defaults().open("zdb://127.0.0.1:" + s.port())) {
                st.set(id(9), new byte[] {9});
                assertThat(s.namespaces().defaultNamespace().exists(id(9))).as("no namespace: the default one").isTrue();
            }
        }
    }

    @Test
    void pooledConnectionsSurviveAServerRestart() throws Exception {
        ZdbServer first = ZdbServer.start(ZdbConfig.local(data));
        int port = first.port();
        String ns = ZdbStoreContractTest.namespace(first, "pw", false);
        try (BlockStore st = Stores.defaults().open("zdb://:pw@127.0.0.1:" + port + "/" + ns)) {
            st.set(id(1), new byte[] {1});
            first.close();
            assertThatThrownBy(() -> st.get(id(1))).satisfies(e -> assertThat(kind(e)).isEqualTo(ZosException.Kind.UNAVAILABLE));
            try (ZdbServer second = ZdbServer.start(ZdbConfig.local(data).withListen(new InetSocketAddress("127.0.0.1", port)))) {
                assertThat(st.get(id(1))).as("data and password survive; the store reconnects").containsExactly(1);
            }
        }
    }

    @Test
    void routesMixStoresOfEveryKind() throws Exception {
        try (ZdbServer s = ZdbServer.start(ZdbConfig.local(data.resolve("zdb")))) {
            String zdb = "zdb://:pw@127.0.0.1:" + s.port() + "/" + ZdbStoreContractTest.namespace(s, "pw", false);
            try (BlockStore r = Stores.defaults().openRouted(java.util.List.of("00-7f=dir://" + data.resolve("dir"), "80-ff=" + zdb))) {
                r.set(id(0x10), new byte[] {1});
                r.set(id(0x90), new byte[] {2});
                assertThat(r.get(id(0x10))).containsExactly(1);
                assertThat(r.get(id(0x90))).containsExactly(2);
                assertThat(data.resolve("dir/10")).isDirectory();
                assertThat(r.routes(false).get(1).url()).isEqualTo(zdb.replace(":pw@", "@"));
            }
        }
    }
}
