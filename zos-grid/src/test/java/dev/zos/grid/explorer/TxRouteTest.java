package dev.zos.grid.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.core.registry.tx.TransactionBuilder;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /tx: receipts, and every refusal with its status and reason; a refusal changes nothing. */
class TxRouteTest {
    ExplorerFixture grid;
    TransactionBuilder farmer;

    @BeforeEach
    void start() throws Exception {
        grid = new ExplorerFixture();
        farmer = grid.twin(1);
    }

    @AfterEach
    void close() throws Exception {
        grid.close();
    }

    ExplorerFixture.Answer post(byte[] body) throws Exception {
        long head = grid.registry.head();
        var a = grid.post("/tx", body);
        if (a.status() != 200) {
            assertThat(grid.registry.head()).as("a refusal appends nothing").isEqualTo(head);
            assertThat(a.error()).isNotBlank().doesNotContain("\n");
        }
        return a;
    }

    @Test
    void acceptedTransactionGetsReceipt() throws Exception {
        var a = post(farmer.farmCreate("farm1", 1, List.of()).toWire());
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().get("index").asLong()).isEqualTo(grid.registry.head()).isEqualTo(2);
        assertThat(a.body().get("type").asText()).isEqualTo("farm.create");
        assertThat(a.body().get("id").asLong()).isEqualTo(1);
        assertThat(a.body().get("hash").asText()).matches("^[0-9a-f]{64}$");
        assertThat(grid.get("/farms/1").body().get("name").asText()).isEqualTo("farm1");
    }

    @Test
    void forgedSignatureIs403() throws Exception {
        var forged = TransactionBuilder.forTwin(ExplorerFixture.key(9), farmer.twinId(), grid.clock)
                .farmCreate("farm1", 1, List.of());
        var a = post(forged.toWire());
        assertThat(a.status()).isEqualTo(403);
        assertThat(a.error()).contains("signature does not verify");
    }

    @Test
    void replayIs409() throws Exception {
        byte[] wire = farmer.farmCreate("farm1", 1, List.of()).toWire();
        assertThat(post(wire).status()).isEqualTo(200);
        var again = post(wire);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).contains("replayed");
        var twinAgain = post(TransactionBuilder.twinCreate(ExplorerFixture.key(1), "wss://x", null, grid.clock).toWire());
        assertThat(twinAgain.status()).isEqualTo(409);
        assertThat(twinAgain.error()).contains("already twin");
    }

    @Test
    void alteredTransactionIsRefused() throws Exception {
        String wire = new String(farmer.farmCreate("farm1", 1, List.of()).toWire(), StandardCharsets.UTF_8);
        var renamed = post(wire.replace("\"farm1\"", "\"farm2\"").getBytes(StandardCharsets.UTF_8));
        assertThat(renamed.status()).isEqualTo(403);
        assertThat(renamed.error()).contains("signature");
        var extraField = post(wire.replace("\"name\":", "\"owner\":7,\"name\":").getBytes(StandardCharsets.UTF_8));
        assertThat(extraField.status()).isEqualTo(400);
        assertThat(extraField.error()).contains("owner");
        var badName = post(wire.replace("\"farm1\"", "\"f!\"").getBytes(StandardCharsets.UTF_8));
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.error()).contains("farm name");
    }

    @Test
    void expiredIs400() throws Exception {
        var old = Clock.offset(grid.clock, Duration.ofHours(-2));
        var a = post(TransactionBuilder.forTwin(ExplorerFixture.key(1), farmer.twinId(), old)
                .farmCreate("farm1", 1, List.of()).toWire());
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.error()).contains("expired");
    }

    @Test
    void stateRulesMapToStatuses() throws Exception {
        var user = grid.twin(2);
        var unknownFarm = post(user.nodeRegister(999, ExplorerFixture.gib(1, 1, 1, 0),
                new dev.zos.core.registry.model.Location("Belgium", "Ghent", "51", "3"), ExplorerFixture.IFACES,
                "SN", false).toWire());
        assertThat(unknownFarm.status()).isEqualTo(404);
        assertThat(unknownFarm.error()).contains("farm 999");
        grid.submit(farmer.farmCreate("farm1", 1, List.of()));
        var duplicate = post(user.farmCreate("farm1", 1, List.of()).toWire());
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.error()).contains("already used");
        var notOwner = post(user.farmUpdate(1, "mine", 1).toWire());
        assertThat(notOwner.status()).as("a twin cannot act for another").isEqualTo(403);
        assertThat(notOwner.error()).contains("may not change farm 1");
    }

    @Test
    void malformedBodiesAre400() throws Exception {
        for (String body : List.of("", "{", "[]", "null", "{\"signature\":\"00\",\"tx\":{}}", "\u0000\u0001")) {
            var a = post(body.getBytes(StandardCharsets.UTF_8));
            assertThat(a.status()).as("body %s → %s", body, a.body()).isEqualTo(400);
        }
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        byte[] big = new byte[TxResource.MAX_BODY + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        assertThat(post(big).status()).as("with Content-Length").isEqualTo(413);
        var chunked = grid.send(HttpRequest.newBuilder(grid.uri("/tx"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build());
        assertThat(chunked.status()).as("chunked").isEqualTo(413);
        assertThat(chunked.error()).contains("larger than 65536 bytes");
    }

    @Test
    void closedRegistryIs503() throws Exception {
        byte[] wire = farmer.farmCreate("farm1", 1, List.of()).toWire();
        grid.registry.close();
        var a = grid.post("/tx", wire);
        assertThat(a.status()).isEqualTo(503);
        assertThat(a.error()).contains("closed");
    }

    @Test
    void healthIs503WhenRegistryDoesNotAnswer() throws Exception {
        try (var sick = new ExplorerFixture(() -> {
            throw new IllegalStateException("store unreachable");
        })) {
            var a = sick.get("/health");
            assertThat(a.status()).isEqualTo(503);
            assertThat(a.body().get("status").asText()).isEqualTo("unavailable");
        }
    }
}
