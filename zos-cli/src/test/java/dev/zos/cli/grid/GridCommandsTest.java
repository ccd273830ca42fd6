package dev.zos.cli.grid;

import dev.zos.grid.testing.TestGrid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.zos.cli.ZosMain;
import dev.zos.testkit.CliHarness;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static TestGrid grid;

    @TempDir
    Path home;

    @BeforeAll
    static void startGrid() throws Exception {
        grid = TestGrid.shared();
    }

    CliHarness zos() {
        return new CliHarness(ZosMain.class, home);
    }

    @Test
    void useRegistersTheTwinOnceAndRemembersTheGrid() throws Exception {
        assertThat(zos().run("identity", "new").exitCode()).isZero();
        String publicKey = JSON.readTree(zos().run("identity", "show", "-o", "json").out()).get("publicKey").asText();

        var first = zos().run("grid", "use", grid.url() + "/", "--name", "local", "-o", "json");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        JsonNode used = JSON.readTree(first.out());
        long twin = used.get("twinId").asLong();
        assertThat(used.get("registered").asBoolean()).isTrue();
        assertThat(used.get("url").asText()).isEqualTo(grid.url());
        var registered = grid.client().twinByPublicKey(publicKey).orElseThrow();
        assertThat(registered.twinId()).isEqualTo(twin);
        assertThat(registered.relay()).isEqualTo(grid.client().relayUrl());

        var second = zos().run("grid", "use", grid.url());
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("local").containsPattern("twin\\s+" + twin).contains("already");

        var shown = zos().run("grid", "show", "-o", "yaml");
        assertThat(shown.exitCode()).as(shown.toString()).isZero();
        JsonNode show = new YAMLMapper().readTree(shown.out());
        assertThat(show.get("twinId").asLong()).isEqualTo(twin);
        assertThat(show.get("relay").asText()).startsWith("ws://127.0.0.1:");

        var list = zos().run("grid", "list");
        assertThat(list.out().lines().filter(l -> l.startsWith("*"))).singleElement().asString().contains("local");
        assertThat(Files.readString(zos().configDir().resolve("grids.yaml"))).contains("current: local");
    }

    @Test
    void withoutAGridOrAnIdentityTheErrorSaysWhatToDo() {
        var noGrid = zos().run("nodes", "list");
        assertThat(noGrid.exitCode()).isEqualTo(1);
        assertThat(noGrid.err().strip()).isEqualTo("zos: no grid chosen; run 'zos grid use URL' or pass --grid URL");

        var noIdentity = zos().run("grid", "use", grid.url());
        assertThat(noIdentity.exitCode()).isEqualTo(1);
        assertThat(noIdentity.err().strip()).startsWith("zos: no current identity;");
        assertThat(zos().run("grid", "list", "-o", "json").out().strip()).isEqualTo("[ ]");

        var badUrl = zos().run("grid", "use", "localhost:8080");
        assertThat(badUrl.exitCode()).isEqualTo(1);
        assertThat(badUrl.err()).contains("invalid grid URL 'localhost:8080'");
    }

    @Test
    void anUnreachableGridIsOneClearLine() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        zos().run("identity", "new");
        var result = zos().run("grid", "use", "http://127.0.0.1:" + port);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().lines()).singleElement().asString()
                .startsWith("zos: cannot reach the grid at http://127.0.0.1:" + port);
        assertThat(zos().run("nodes", "list", "--grid", "http://127.0.0.1:" + port).err())
                .startsWith("zos: cannot reach the grid");
    }
}
