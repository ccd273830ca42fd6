package dev.zos.grid.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.flist.store.dir.DirStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Paths built from traversal pieces, escapes and real names, sent raw with every method: the hub answers
 * with a status below 500, serves nothing outside its files, and its directory does not change.
 */
class HubPathPropertiesTest {
    static HubFixture hub;
    static HubFixture.Twin twin;
    static TreeMap<String, String> before;

    @BeforeContainer
    static void start() throws Exception {
        hub = new HubFixture();
        twin = hub.newTwin();
        Path work = Files.createTempDirectory(hub.dir, "fuzz");
        DirStore source = new DirStore(work.resolve("store"));
        Path fl = hub.pack("f.fl", 7, source);
        try (var client = hub.client(twin)) {
            dev.zos.flist.hub.HubPublisher.publish(client, new dev.zos.flist.hub.HubPublisher.Request(fl, "f.fl", source, false, 2));
            client.link("stable", "f.fl");
        }
        Files.writeString(hub.dir.resolve("grid").resolve("secret.txt"), "SECRET-OUTSIDE-THE-HUB");
        before = hub.snapshot();
    }

    @AfterContainer
    static void stop() throws Exception {
        try {
            assertThat(hub.snapshot()).isEqualTo(before);
        } finally {
            hub.close();
        }
    }

    @Provide
    Arbitrary<String> paths() {
        List<String> pieces = List.of("..", ".", "", "%2e%2e", "%2E%2e", "%2f", "%2F", "%5c", "%00", "..%2f", "..;",
                "api", "flist", "blocks", "users", "entries", "files", "tmp", "hub", "grid", "secret.txt",
                "f.fl", "f.fl.md5", "stable", "link", "registry.db", "0", "-1", "00",
                "99999999999999999999", "%20", "a b", "~", "*", "?x=1", "#", ";", Long.toString(twin.id()));
        return Arbitraries.of(pieces).list().ofMinSize(1).ofMaxSize(6).map(l -> "/" + String.join("/", l));
    }

    @Property(tries = 200)
    void noPathEscapesTheHubOrBreaksIt(@ForAll("paths") String path,
                                       @ForAll("methods") String method) throws Exception {
        String answer;
        try {
            answer = hub.raw(method, path.replace(" ", "%20").replace("#", "%23"));
        } catch (java.net.SocketException e) {
            return; // the server may close a connection on a request line it refuses outright
        }
        if (answer.isEmpty()) {
            return;
        }
        int status = HubFixture.status(answer);
        assertThat(status).as(method + " " + path).isLessThan(500);
        assertThat(answer).as(method + " " + path).doesNotContain("SECRET-OUTSIDE-THE-HUB");
        if (status / 100 == 2 && !method.equals("GET") && !method.equals("HEAD")) {
            throw new AssertionError("unsigned " + method + " " + path + " was accepted: " + answer);
        }
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "HEAD", "PUT", "POST", "DELETE");
    }
}
