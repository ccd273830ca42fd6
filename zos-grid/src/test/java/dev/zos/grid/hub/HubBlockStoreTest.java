package dev.zos.grid.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import dev.zos.flist.hub.HubClient;
import dev.zos.flist.hub.HubPublisher;
import dev.zos.flist.store.dir.DirStore;
import dev.zos.flist.store.s3.S3Proxy;
import dev.zos.grid.server.GridConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub with its blocks in a real S3 store (s3proxy on its filesystem backend) instead of its directory. */
class HubBlockStoreTest {
    static final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    @Test
    void blocksGoToTheS3StoreAndAreServedFromIt() throws Exception {
        S3Proxy s3 = S3Proxy.shared();
        String bucket = "hub-" + System.nanoTime();
        try (HubFixture hub = new HubFixture(s3.url(bucket))) {
            assertThat(hub.service.hub().blockStore()).startsWith("s3://").doesNotContain(S3Proxy.SECRET);
            var twin = hub.newTwin();
            DirStore source = new DirStore(tmp.resolve("store"));
            Path fl = hub.pack("app.fl", 3, source);
            var ids = HubPublisher.blockIds(fl);
            try (HubClient client = hub.client(twin)) {
                var published = HubPublisher.publish(client, new HubPublisher.Request(fl, "app.fl", source, false, 4));
                assertThat(published.uploaded()).isEqualTo(ids.size());
            }
            // in the bucket, not in the hub's directory
            assertThat(hub.hubDir().resolve("blocks")).satisfiesAnyOf(
                    d -> assertThat(d).doesNotExist(), d -> assertThat(count(d)).isZero());
            assertThat(count(s3.blobs().resolve(bucket))).isEqualTo(ids.size());
            String hex = HexFormat.of().formatHex(ids.iterator().next().array());
            var block = http.send(HttpRequest.newBuilder(URI.create(hub.url() + "/blocks/" + hex.substring(0, 2) + "/" + hex)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(block.statusCode()).isEqualTo(200);
            assertThat(block.body()).isEqualTo(source.get(ids.iterator().next().array()));
            // a second publish finds every block present in the bucket
            try (HubClient client = hub.client(twin)) {
                assertThat(HubPublisher.publish(client, new HubPublisher.Request(fl, "app-again.fl", source, false, 4)).uploaded()).isZero();
            }
        }
    }

    @Test
    void aStoreThatIsNotOneIsRefusedAtStartNamingIt() {
        assertThatThrownBy(() -> new GridConfig(new GridConfig.Listen("127.0.0.1", 0), tmp, null, null, Duration.ofMinutes(1))
                .withHubStore("http://user:pw@hub.example/blocks")).isInstanceOf(ZosException.class)
                .hasMessageContaining("hub-store: expected an s3://, s3s://, zdb:// or dir:// block store URL")
                .hasMessageNotContaining("pw");
    }

    private static long count(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
    }
}
