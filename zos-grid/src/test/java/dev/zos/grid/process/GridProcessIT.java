package dev.zos.grid.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zos.core.identity.TwinKey;
import dev.zos.core.registry.tx.TransactionBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grid as a separate process: crash safety under SIGKILL, clean SIGTERM, refusing a corrupt log. */
class GridProcessIT {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path data;

    @Test
    void everyAcknowledgedTransactionSurvivesSigkill() throws Exception {
        Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        try (var grid = GridProcess.start(data)) {
            var stop = new AtomicBoolean();
            var failures = new AtomicInteger();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                clients.add(Thread.ofPlatform().start(() -> {
                    var random = new SecureRandom();
                    while (!stop.get()) {
                        byte[] seed = new byte[32];
                        random.nextBytes(seed);
                        TwinKey key = TwinKey.fromSeed(seed);
                        try {
                            var response = post(grid.url + "/tx", TransactionBuilder.twinCreate(key, null, null).toWire());
                            if (response.statusCode() == 200) {
                                acknowledged.put(JSON.readTree(response.body()).get("id").asLong(), key.publicKeyHex());
                            } else {
                                failures.incrementAndGet();
                            }
                        } catch (Exception e) {
                            return; // the grid was killed under us: nothing more is acknowledged
                        }
                    }
                }));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (acknowledged.size() < 200 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            grid.kill();
            stop.set(true);
            for (Thread t : clients) {
                t.join(10_000);
            }
            assertThat(failures.get()).as(grid.output.toString()).isZero();
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(200);

        try (var again = GridProcess.start(data)) {
            for (var e : acknowledged.entrySet()) {
                var twin = get(again.url + "/twins/" + e.getKey());
                assertThat(twin.get("public_key").asText()).as("twin %d", e.getKey()).isEqualTo(e.getValue());
            }
            // the check reads without the writer's lock: it runs next to the serving grid
            var live = GridProcess.run("log", "verify", "--data-dir", data.toString());
            assertThat(live.exitCode()).as(live.output()).isZero();
            assertThat(live.output()).contains("log ok: ");
            assertThat(get(again.url + "/health").get("status").asText()).isEqualTo("ok");
            assertThat(again.terminate()).isIn(0, 143);
        }
        var verify = GridProcess.run("log", "verify", "--data-dir", data.toString());
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("log ok: ");
    }

    @Test
    void sigtermStopsCleanlyAndACorruptLogIsRefusedByName() throws Exception {
        try (var grid = GridProcess.start(data)) {
            for (int i = 0; i < 5; i++) {
                byte[] seed = new byte[32];
                new SecureRandom().nextBytes(seed);
                assertThat(post(grid.url + "/tx", TransactionBuilder.twinCreate(TwinKey.fromSeed(seed), null, null).toWire())
                        .statusCode()).isEqualTo(200);
            }
            assertThat(get(grid.url + "/health").get("status").asText()).isEqualTo("ok");
            assertThat(grid.terminate()).isIn(0, 143);
        }
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("registry.db"))) {
            db.createStatement().executeUpdate("UPDATE registry_log SET tx = CAST(REPLACE(CAST(tx AS TEXT), 'twin.create', 'twin.crea7e') AS BLOB) WHERE idx = 3");
        }
        var verify = GridProcess.run("log", "verify", "--data-dir", data.toString());
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.output()).contains("entry 3");

        var refused = GridProcess.run("serve", "--listen", "127.0.0.1:0", "--data-dir", data.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.output()).contains("entry 3").doesNotContain("\tat ");
    }

    private HttpResponse<String> post(String url, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String url) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + " " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
