package dev.zos.grid.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zos.core.ZosException;
import dev.zos.flist.block.StoreBlockReader;
import dev.zos.flist.hub.HubAuth;
import dev.zos.flist.hub.HubClient;
import dev.zos.flist.hub.HubEntry;
import dev.zos.flist.hub.HubPublisher;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flist.meta.Route;
import dev.zos.flist.store.BlockStore;
import dev.zos.flist.store.Stores;
import dev.zos.flist.store.dir.DirStore;
import dev.zos.flist.store.http.HttpStore;
import dev.zos.flist.unpack.UnpackOptions;
import dev.zos.flist.unpack.Unpacker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub served by a real GridService on loopback, driven by the zos-flist HubClient and raw HTTP. */
class HubTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HexFormat HEX = HexFormat.of();
    static HubFixture hub;
    static final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        hub = new HubFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        hub.close();
    }

    private HubPublisher.Result publish(HubFixture.Twin twin, Path fl, String name, DirStore source) {
        try (HubClient client = hub.client(twin)) {
            return HubPublisher.publish(client, new HubPublisher.Request(fl, name, source, false, 4));
        }
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(hub.url() + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> send(String method, String path, byte[] body, Map<String, String> headers) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(hub.url() + path)).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String md5(byte[] data) throws Exception {
        return HEX.formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    @Test
    void publishedFlistIsReadableWithItsMd5AndUnpacksFromTheHubsBlocks() throws Exception {
        var twin = hub.newTwin();
        DirStore source = new DirStore(tmp.resolve("store"));
        Path fl = hub.pack("app.fl", 1, source);
        int blocks = HubPublisher.blockIds(fl).size();

        HubPublisher.Result first = publish(twin, fl, "app-1.0.fl", source);
        assertThat(first.blocks()).isEqualTo(blocks).isGreaterThanOrEqualTo(4);
        assertThat(first.uploaded()).isEqualTo(blocks);
        assertThat(first.entry().type()).isEqualTo(HubEntry.REGULAR);
        // publishing again finds every block present and uploads none
        assertThat(publish(twin, fl, "app-1.0.fl", source).uploaded()).isZero();

        var file = get("/" + twin.id() + "/app-1.0.fl");
        assertThat(file.statusCode()).isEqualTo(200);
        var md5 = get("/" + twin.id() + "/app-1.0.fl.md5");
        assertThat(md5.statusCode()).isEqualTo(200);
        assertThat(new String(md5.body(), StandardCharsets.US_ASCII)).isEqualTo(md5(file.body()) + "\n");
        assertThat(first.entry().md5()).isEqualTo(md5(file.body()));
        assertThat(get("/" + twin.id() + "/app-1.0.flist").body()).isEqualTo(file.body());
        String head = hub.raw("HEAD", "/" + twin.id() + "/app-1.0.fl");
        assertThat(HubFixture.status(head)).isEqualTo(200);
        assertThat(head).containsIgnoringCase("Content-Length: " + file.body().length);

        JsonNode users = JSON.readTree(get("/api/flist").body());
        assertThat(users.toString()).contains("\"" + twin.id() + "\"");
        JsonNode list = JSON.readTree(get("/api/flist/" + twin.id()).body());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("name").asText()).isEqualTo("app-1.0.fl");
        assertThat(list.get(0).get("size").asLong()).isEqualTo(file.body().length);
        assertThat(list.get(0).get("type").asText()).isEqualTo("regular");
        JsonNode info = JSON.readTree(get("/api/flist/" + twin.id() + "/app-1.0.fl").body());
        assertThat(info.get("md5").asText()).isEqualTo(md5(file.body()));
        assertThat(info.get("tags").get("author").asText()).isEqualTo("hub-test");

        // the published flist routes to the hub's blocks; unpacking it reads them over http://
        Path downloaded = tmp.resolve("downloaded.fl");
        Files.write(downloaded, file.body());
        Path out = tmp.resolve("out");
        try (FlistReader reader = FlistReader.open(downloaded)) {
            assertThat(reader.routes()).containsExactly(Route.all(hub.url() + "/blocks"));
            try (BlockStore store = Stores.defaults().openRoutes(reader.routes())) {
                assertThat(store).isInstanceOf(HttpStore.class);
                Unpacker.unpack(reader, new StoreBlockReader(store), out, UnpackOptions.defaults());
            }
        }
        Path original = tmp.resolve("expected");
        HubFixture.tree(original, 1);
        assertThat(Files.readAllBytes(out.resolve("big.bin"))).isEqualTo(Files.readAllBytes(original.resolve("big.bin")));
        assertThat(Files.readString(out.resolve("etc/motd"))).isEqualTo(Files.readString(original.resolve("etc/motd")));
        assertThat(Files.readSymbolicLink(out.resolve("motd"))).isEqualTo(Path.of("etc/motd"));
    }

    @Test
    void linksAreFollowedAndCanBeRepointed() throws Exception {
        var twin = hub.newTwin();
        DirStore source = new DirStore(tmp.resolve("store"));
        publish(twin, hub.pack("a.fl", 2, source), "zos-1.1.fl", source);
        publish(twin, hub.pack("b.fl", 3, source), "zos-1.2.fl", source);
        try (HubClient client = hub.client(twin)) {
            HubEntry link = client.link("stable", "zos-1.1.fl");
            assertThat(link.type()).isEqualTo(HubEntry.SYMLINK);
            assertThat(link.target()).isEqualTo("zos-1.1.fl");
            assertThat(get("/" + twin.id() + "/stable").body()).isEqualTo(get("/" + twin.id() + "/zos-1.1.fl").body());
            assertThat(get("/" + twin.id() + "/stable.fl").body()).isEqualTo(get("/" + twin.id() + "/zos-1.1.fl").body());

            client.link("stable", "zos-1.2.fl");
            byte[] v12 = get("/" + twin.id() + "/zos-1.2.fl").body();
            assertThat(get("/" + twin.id() + "/stable").body()).isEqualTo(v12);
            assertThat(new String(get("/" + twin.id() + "/stable.md5").body(), StandardCharsets.US_ASCII))
                    .isEqualTo(md5(v12) + "\n");
            HubEntry listed = client.list(twin.id()).stream().filter(e -> e.name().equals("stable")).findFirst().orElseThrow();
            assertThat(listed.type()).isEqualTo("symlink");
            assertThat(listed.target()).isEqualTo("zos-1.2.fl");
            assertThat(listed.md5()).isEqualTo(md5(v12));

            assertThatThrownBy(() -> client.link("other", "missing.fl")).isInstanceOf(ZosException.class)
                    .extracting(e -> ((ZosException) e).kind()).isEqualTo(ZosException.Kind.NOT_FOUND);
            client.delete("zos-1.1.fl");
            assertThat(get("/" + twin.id() + "/zos-1.1.fl").statusCode()).isEqualTo(404);
            assertThat(get("/" + twin.id() + "/zos-1.2.fl").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void refusedWritesChangeNothing() throws Exception {
        var owner = hub.newTwin();
        var other = hub.newTwin();
        DirStore source = new DirStore(tmp.resolve("store"));
        Path fl = hub.pack("r.fl", 4, source);
        publish(owner, fl, "base.fl", source);
        byte[] body = Files.readAllBytes(fl);
        String path = "/api/flist/" + owner.id() + "/evil.fl";
        var before = hub.snapshot();

        // unsigned
        assertThat(send("PUT", path, body, Map.of()).statusCode()).isEqualTo(401);
        // signed by another key than the twin's
        var stranger = HubFixture.newKey();
        long now = Instant.now().getEpochSecond();
        assertThat(send("PUT", path, body, HubAuth.headers(stranger, owner.id(), "PUT", path, now, HubAuth.sha256(body)))
                .statusCode()).isEqualTo(401);
        // signature over another body
        assertThat(send("PUT", path, body, HubAuth.headers(owner.key(), owner.id(), "PUT", path, now,
                HubAuth.sha256(new byte[] {1}))).statusCode()).isEqualTo(401);
        // an unknown twin
        assertThat(send("PUT", "/api/flist/999999/evil.fl", body, HubAuth.headers(stranger, 999_999, "PUT",
                "/api/flist/999999/evil.fl", now, HubAuth.sha256(body))).statusCode()).isEqualTo(403);
        // another twin's namespace, correctly signed by that other twin
        var foreign = send("PUT", path, body, HubAuth.headers(other.key(), other.id(), "PUT", path, now, HubAuth.sha256(body)));
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(new String(foreign.body(), StandardCharsets.UTF_8)).contains("own namespace");
        // a timestamp outside the window
        long old = now - HubAuth.MAX_SKEW.toSeconds() - 60;
        assertThat(send("PUT", path, body, HubAuth.headers(owner.key(), owner.id(), "PUT", path, old, HubAuth.sha256(body)))
                .statusCode()).isEqualTo(401);
        try (HubClient late = HubClient.signed(hub.url(), owner.key(), owner.id(),
                Clock.fixed(Instant.ofEpochSecond(old), ZoneOffset.UTC))) {
            assertThatThrownBy(() -> late.publish("evil.fl", fl)).isInstanceOf(ZosException.class)
                    .extracting(e -> ((ZosException) e).kind()).isEqualTo(ZosException.Kind.FORBIDDEN);
        }
        // a block or a delete in a namespace signed by another twin
        String delete = "/api/flist/" + owner.id() + "/base.fl";
        assertThat(send("DELETE", delete, new byte[0], HubAuth.headers(other.key(), other.id(), "DELETE", delete, now,
                HubAuth.sha256(new byte[0]))).statusCode()).isEqualTo(403);
        assertThat(hub.snapshot()).isEqualTo(before);
        assertThat(get("/" + owner.id() + "/evil.fl").statusCode()).isEqualTo(404);

        // a replay of a request that was accepted is refused and changes nothing more
        String link = "/api/flist/" + owner.id() + "/base.fl/link/latest";
        Map<String, String> signed = HubAuth.headers(owner.key(), owner.id(), "POST", link, now, HubAuth.sha256(new byte[0]));
        assertThat(send("POST", link, new byte[0], signed).statusCode()).isEqualTo(200);
        try (HubClient client = hub.client(owner)) {
            client.delete("latest");
        }
        var afterDelete = hub.snapshot();
        var replay = send("POST", link, new byte[0], signed);
        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(new String(replay.body(), StandardCharsets.UTF_8)).contains("replay");
        assertThat(hub.snapshot()).isEqualTo(afterDelete);
        assertThat(get("/" + owner.id() + "/latest").statusCode()).isEqualTo(404);
    }

    @Test
    void flistWithMissingBlocksIsRefusedNamingThem() throws Exception {
        var twin = hub.newTwin();
        DirStore elsewhere = new DirStore(tmp.resolve("elsewhere"));
        Path fl = hub.pack("m.fl", 5, elsewhere);
        Set<String> ids = HubPublisher.blockIds(fl).stream().map(b -> HEX.formatHex(b.array())).collect(Collectors.toSet());
        var before = hub.snapshot();
        String path = "/api/flist/" + twin.id() + "/m.fl";
        byte[] body = Files.readAllBytes(fl);
        var r = send("PUT", path, body, HubAuth.headers(twin.key(), twin.id(), "PUT", path, Instant.now().getEpochSecond(),
                HubAuth.sha256(body)));
        assertThat(r.statusCode()).isEqualTo(409);
        JsonNode answer = JSON.readTree(r.body());
        assertThat(answer.get("error").asText()).contains("not in the hub's block store");
        Set<String> missing = new java.util.HashSet<>();
        answer.get("missing").forEach(n -> missing.add(n.asText()));
        assertThat(missing).isEqualTo(ids);
        try (HubClient client = hub.client(twin)) {
            assertThatThrownBy(() -> client.publish("m.fl", fl)).isInstanceOf(ZosException.class)
                    .hasMessageContaining("blocks are not in the hub's block store");
        }
        assertThat(hub.snapshot()).isEqualTo(before);
        assertThat(get("/" + twin.id() + "/m.fl").statusCode()).isEqualTo(404);
    }

    @Test
    void aFileThatIsNotAnFlistIsRefused() throws Exception {
        var twin = hub.newTwin();
        Path junk = tmp.resolve("junk.fl");
        Files.writeString(junk, "this is not a sqlite database");
        var before = hub.snapshot();
        try (HubClient client = hub.client(twin)) {
            assertThatThrownBy(() -> client.publish("junk.fl", junk)).isInstanceOf(ZosException.class)
                    .hasMessageContaining("not a valid flist");
        }
        assertThat(hub.snapshot()).isEqualTo(before);
    }

    @Test
    void blocksAreCheckedOnUploadAndServedInTheHttpStoreLayout() throws Exception {
        var twin = hub.newTwin();
        byte[] data = "some stored block bytes".getBytes(StandardCharsets.UTF_8);
        byte[] id = new dev.zos.flist.block.BlockCodec().hash(data, 0, data.length);
        try (HubClient client = hub.client(twin); HttpStore store = new HttpStore(hub.url() + "/blocks")) {
            assertThat(client.hasBlock(id)).isFalse();
            assertThat(store.exists(id)).isFalse();
            byte[] wrong = id.clone();
            wrong[0] ^= 1;
            var before = hub.snapshot();
            assertThatThrownBy(() -> client.putBlock(wrong, data)).isInstanceOf(ZosException.class)
                    .hasMessageContaining("is not the BLAKE2b-256");
            assertThat(hub.snapshot()).isEqualTo(before);
            client.putBlock(id, data);
            assertThat(client.hasBlock(id)).isTrue();
            assertThat(store.exists(id)).isTrue();
            assertThat(store.get(id)).isEqualTo(data);
            assertThat(get("/blocks/" + HEX.formatHex(id)).body()).isEqualTo(data);
            // uploads are signed too
            String path = "/blocks/" + HEX.formatHex(id).substring(0, 2) + "/" + HEX.formatHex(id);
            assertThat(send("PUT", path, data, Map.of()).statusCode()).isEqualTo(401);
            // and bounded
            byte[] big = new byte[Hub.MAX_BLOCK_BYTES + 1];
            byte[] bigId = new dev.zos.flist.block.BlockCodec().hash(big, 0, big.length);
            String bigPath = "/blocks/" + HEX.formatHex(bigId).substring(0, 2) + "/" + HEX.formatHex(bigId);
            assertThat(send("PUT", bigPath, big, HubAuth.headers(twin.key(), twin.id(), "PUT", bigPath,
                    Instant.now().getEpochSecond(), HubAuth.sha256(big))).statusCode()).isEqualTo(413);
            assertThat(client.hasBlock(bigId)).isFalse();
        }
    }

    @Test
    void readersSeeTheOldOrTheNewFlistNeverAPart() throws Exception {
        var twin = hub.newTwin();
        DirStore source = new DirStore(tmp.resolve("store"));
        publish(twin, hub.pack("a.fl", 10, source), "live.fl", source);
        Path a = tmp.resolve("hub-a.fl");
        Files.write(a, get("/" + twin.id() + "/live.fl").body());
        publish(twin, hub.pack("b.fl", 11, source), "live.fl", source);
        Path b = tmp.resolve("hub-b.fl");
        Files.write(b, get("/" + twin.id() + "/live.fl").body());
        Set<String> versions = Set.of(md5(Files.readAllBytes(a)), md5(Files.readAllBytes(b)));
        assertThat(versions).hasSize(2);

        var done = new java.util.concurrent.atomic.AtomicBoolean();
        var seen = java.util.concurrent.ConcurrentHashMap.<String>newKeySet();
        var failures = new java.util.concurrent.CopyOnWriteArrayList<String>();
        List<Thread> readers = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            readers.add(Thread.ofPlatform().start(() -> {
                while (!done.get()) {
                    try {
                        var r = get("/" + twin.id() + "/live.fl");
                        String m = md5(r.body());
                        if (r.statusCode() != 200 || !versions.contains(m)) {
                            failures.add(r.statusCode() + " " + m);
                        }
                        seen.add(m);
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }));
        }
        try (HubClient client = hub.client(twin)) {
            for (int i = 0; i < 12; i++) {
                client.publish("live.fl", i % 2 == 0 ? a : b);
            }
        } finally {
            done.set(true);
            for (Thread t : readers) {
                t.join();
            }
        }
        assertThat(failures).isEmpty();
        assertThat(seen).isNotEmpty().isSubsetOf(versions);
    }

    @Test
    void badPathsAreRefused() throws Exception {
        var twin = hub.newTwin();
        DirStore source = new DirStore(tmp.resolve("store"));
        publish(twin, hub.pack("p.fl", 6, source), "p.fl", source);
        List<String> bad = List.of(
                "/" + twin.id() + "/..",
                "/" + twin.id() + "/%2e%2e",
                "/" + twin.id() + "/..%2fgrid%2fregistry.db",
                "/" + twin.id() + "/p.fl%00",
                "/" + twin.id() + "/.p.fl",
                "/api/flist/" + twin.id() + "/..%2f..%2fregistry.db",
                "/api/flist/" + twin.id() + "/%2e%2e",
                "/api/flist/..",
                "/api/flist/0/p.fl",
                "/api/flist/-1",
                "/blocks/../registry.db",
                "/blocks/%2e%2e/%2e%2e/grid/registry.db",
                "/blocks/ab/ab%2f..",
                "/blocks/zz/zz");
        for (String path : bad) {
            String answer = hub.raw("GET", path);
            assertThat(HubFixture.status(answer)).as(path).isIn(400, 404);
            assertThat(answer).as(path).doesNotContain("SQLite format");
        }
        for (String path : List.of("/api/flist/" + twin.id() + "/..%2fx.fl", "/api/flist/" + twin.id() + "/a%2fb.fl")) {
            var before = hub.snapshot();
            assertThat(HubFixture.status(hub.raw("PUT", path))).as(path).isIn(400, 401, 404);
            assertThat(hub.snapshot()).isEqualTo(before);
        }
        // the explorer still answers its own paths and its 404
        assertThat(get("/stats").statusCode()).isEqualTo(200);
        assertThat(get("/no/such/path").statusCode()).isEqualTo(404);
        assertThat(get("/" + twin.id() + "/nothing.fl").statusCode()).isEqualTo(404);
    }
}
