package dev.zos.grid.explorer;

import dev.zos.testkit.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zos.core.identity.TwinKey;
import dev.zos.grid.registry.Registry;
import dev.zos.grid.registry.RegistryOptions;
import dev.zos.core.registry.model.Location;
import dev.zos.core.registry.model.NodeInterface;
import dev.zos.core.registry.model.Resources;
import dev.zos.core.registry.tx.SignedTransaction;
import dev.zos.core.registry.tx.TransactionBuilder;
import dev.zos.grid.server.GridConfig;
import dev.zos.grid.server.GridServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real SQLite registry in a temp dir on a hand-moved clock (report interval 60 s), served by a real
 * GridServer on a loopback port, and an HTTP client with helpers to sign and post transactions as test twins.
 */
final class ExplorerFixture implements AutoCloseable {
    static final long GIB = 1L << 30;
    static final Duration REPORT_INTERVAL = Duration.ofSeconds(60);
    static final List<NodeInterface> IFACES = List.of(new NodeInterface("zos", "aa:bb:cc:dd:ee:ff", List.of("10.0.0.2")));
    static final ObjectMapper JSON = new ObjectMapper();

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final Path dir;
    final Registry registry;
    final GridServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ExplorerFixture() throws Exception {
        this(null);
    }

    ExplorerFixture(HealthCheck health) throws Exception {
        // on tmpfs when there is one: these tests are about HTTP, not about fsync latency
        Path shm = Path.of("/dev/shm");
        dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "explorer-test")
                : Files.createTempDirectory("explorer-test");
        registry = Registry.open(dir.resolve("registry.db").toString(),
                RegistryOptions.defaults().withClock(clock).withReportInterval(REPORT_INTERVAL));
        var routes = health == null ? ExplorerRoutes.routes(registry, "1.2.3")
                : ExplorerRoutes.routes(registry, "1.2.3", health);
        server = new GridServer(new GridConfig.Listen("127.0.0.1", 0), routes).start();
    }

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        String error() {
            return body.path("error").asText();
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    Answer get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build());
    }

    Answer post(String path, byte[] body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json").build());
    }

    Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
        return new Answer(r.statusCode(), body, r);
    }

    /** Posts a transaction and expects it accepted; returns the id it assigned. */
    long submit(SignedTransaction tx) throws IOException, InterruptedException {
        Answer a = post("/tx", tx.toWire());
        assertThat(a.status()).as("POST /tx: %s", a.body()).isEqualTo(200);
        return a.body().get("id").asLong();
    }

    static TwinKey key(int n) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) n);
        seed[0] = (byte) (n >> 8);
        return TwinKey.fromSeed(seed);
    }

    /** Registers twin {@code n} through POST /tx and returns a builder signing as it. */
    TransactionBuilder twin(int n) throws IOException, InterruptedException {
        long id = submit(TransactionBuilder.twinCreate(key(n), "wss://relay.example/" + n, null, clock));
        return TransactionBuilder.forTwin(key(n), id, clock);
    }

    /** A farm owned by {@code owner} with {@code ips} public ips in 185.69.166.0/24. */
    long farm(TransactionBuilder owner, String name, int ips) throws IOException, InterruptedException {
        var list = java.util.stream.IntStream.range(0, ips)
                .mapToObj(i -> new dev.zos.core.registry.tx.TxBody.IpInput("185.69.166." + (10 + i) + "/24", "185.69.166.1"))
                .toList();
        return submit(owner.farmCreate(name, 1, list));
    }

    /** A registered node: its id and a builder signing as its twin. */
    record NodeRef(long id, TransactionBuilder twin) {
    }

    /** Registers a node (its own twin {@code n}) in {@code farm}. */
    NodeRef node(int n, long farm, Resources resources, String country) throws IOException, InterruptedException {
        TransactionBuilder node = twin(n);
        long id = submit(node.nodeRegister(farm, resources, new Location(country, "City" + n, "51.05", "3.72"), IFACES,
                "SN-" + n, false));
        return new NodeRef(id, node);
    }

    static Resources gib(int cru, long mru, long sru, long hru) {
        return new Resources(cru, mru * GIB, sru * GIB, hru * GIB);
    }

    @Override
    public void close() throws Exception {
        http.shutdownNow(); // open keep-alive connections would hold up the server's graceful stop
        server.close();
        registry.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
