package dev.zos.core.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.zos.core.ZosException;
import dev.zos.core.identity.TwinKey;
import dev.zos.core.registry.tx.TransactionBuilder;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a fake explorer on loopback: requests it sends, answers and errors it reads. */
class GridClientTest {
    HttpServer server;
    final AtomicReference<String> lastQuery = new AtomicReference<>();
    final AtomicReference<String> lastBody = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/nodes", ex -> {
            lastQuery.set(ex.getRequestURI().getRawQuery());
            String path = ex.getRequestURI().getPath();
            if (path.equals("/nodes/9")) {
                reply(ex, 404, "{\"error\":\"node 9 does not exist\"}", null);
            } else {
                reply(ex, 200, "[{\"nodeId\":3,\"farmId\":1,\"status\":\"up\",\"somethingNew\":[1,2],"
                        + "\"total_resources\":{\"cru\":4,\"sru\":1,\"hru\":2,\"mru\":3,\"gpu\":0}}]", "17");
            }
        });
        server.createContext("/tx", ex -> {
            lastBody.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            reply(ex, 403, "{\"error\":\"twin 5 may not set the power target of node 3\"}", null);
        });
        server.createContext("/stats", ex -> reply(ex, 502, "<html>bad gateway</html>", null));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static void reply(com.sun.net.httpserver.HttpExchange ex, int status, String body, String count) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (count != null) {
            ex.getResponseHeaders().add("Count", count);
        }
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    GridClient client() {
        return GridClient.of("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Test
    void nodesSendsTheExplorerFiltersAndIgnoresUnknownFields() {
        var query = NodeQuery.builder().farmIds(List.of(1L, 2L)).statuses(List.of("up", "standby"))
                .freeMru(2L << 30).country("Belgium").paging(new Paging(2, 10)).build();
        Page<GridNode> page = client().nodes(query);
        assertThat(lastQuery.get()).isEqualTo("farm_ids=1%2C2&status=up%2Cstandby&free_mru=2147483648"
                + "&country=Belgium&page=2&size=10&ret_count=true");
        assertThat(page.total()).isEqualTo(17);
        assertThat(page.items()).singleElement().satisfies(n -> {
            assertThat(n.nodeId()).isEqualTo(3);
            assertThat(n.totalResources().mru()).isEqualTo(3);
            assertThat(n.usedResources()).isEqualTo(Capacity.NONE);
        });
    }

    @Test
    void theGridsErrorBecomesOneLineWithAKind() {
        assertThatThrownBy(() -> client().node(9)).isInstanceOfSatisfying(ZosException.class, e -> {
            assertThat(e.kind()).isEqualTo(ZosException.Kind.NOT_FOUND);
            assertThat(e.getMessage()).isEqualTo("node 9 does not exist");
        });
        var tx = TransactionBuilder.forTwin(TwinKey.fromSeed(new byte[32]), 5)
                .nodePowerTarget(3, dev.zos.core.registry.model.Power.DOWN);
        assertThatThrownBy(() -> client().submit(tx)).isInstanceOfSatisfying(ZosException.class, e -> {
            assertThat(e.kind()).isEqualTo(ZosException.Kind.FORBIDDEN);
            assertThat(e.getMessage()).isEqualTo("the grid refused node.power.target: twin 5 may not set the power target of node 3");
        });
        assertThat(lastBody.get()).contains("\"type\":\"node.power.target\"");
        assertThatThrownBy(() -> client().stats()).isInstanceOfSatisfying(ZosException.class, e -> {
            assertThat(e.kind()).isEqualTo(ZosException.Kind.UNAVAILABLE);
            assertThat(e.getMessage()).isEqualTo("HTTP 502 from /stats");
        });
    }

    @Test
    void anUnreachableGridIsOneClearLine() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var client = GridClient.of("http://127.0.0.1:" + port, Duration.ofSeconds(2));
        assertThatThrownBy(() -> client.farm(1)).isInstanceOfSatisfying(ZosException.class, e -> {
            assertThat(e.kind()).isEqualTo(ZosException.Kind.UNAVAILABLE);
            assertThat(e.getMessage()).startsWith("cannot reach the grid at http://127.0.0.1:" + port).doesNotContain("\n");
        });
    }

    @Test
    void urlsAreCheckedAndTheRelayIsOnTheSamePort() {
        assertThat(GridClient.of("https://grid.example.org/").relayUrl()).isEqualTo("wss://grid.example.org/");
        assertThat(GridClient.of("http://127.0.0.1:8080").relayUrl()).isEqualTo("ws://127.0.0.1:8080/");
        assertThatThrownBy(() -> GridClient.parseUrl("ftp://x")).hasMessageContaining("expected http://HOST");
        assertThatThrownBy(() -> GridClient.parseUrl("127.0.0.1:8080")).hasMessageContaining("invalid grid URL");
        assertThatThrownBy(() -> new Paging(0, 10)).hasMessageContaining("page must be 1 or more");
        assertThatThrownBy(() -> NodeQuery.builder().statuses(List.of("sleeping")).build())
                .hasMessageContaining("up, standby or down");
    }
}
