package dev.zos.grid.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.core.registry.model.Power;
import dev.zos.core.registry.tx.TransactionBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever body arrives at POST /tx — random bytes, JSON-ish text, or a mutation of a transaction the
 * registry already accepted — the answer is a 4xx JSON error, never a 500, and the registry is unchanged.
 */
class TxRouteFuzzProperties {
    static ExplorerFixture grid;
    static final List<byte[]> ACCEPTED = new ArrayList<>();
    static long head;
    static String stats;

    @BeforeContainer
    static void start() throws Exception {
        grid = new ExplorerFixture();
        var farmer = grid.twin(1);
        var user = grid.twin(2);
        var nodeTwin = grid.twin(3);
        List<dev.zos.core.registry.tx.SignedTransaction> txs = List.of(
                TransactionBuilder.twinCreate(ExplorerFixture.key(4), "wss://relay/4", null, grid.clock),
                farmer.farmCreate("fuzz_farm", 1, List.of(new dev.zos.core.registry.tx.TxBody.IpInput(
                        "185.69.166.10/24", "185.69.166.1"))),
                nodeTwin.nodeRegister(1, ExplorerFixture.gib(4, 8, 100, 0), new dev.zos.core.registry.model.Location(
                        "Belgium", "Ghent", "51.05", "3.72"), ExplorerFixture.IFACES, "SN", false),
                nodeTwin.nodeUptime(1, 60),
                farmer.nodePowerTarget(1, Power.UP),
                user.contractNodeCreate(1, "ab".repeat(16), 1),
                user.contractNameCreate("fuzzname"));
        for (var tx : txs) {
            grid.submit(tx);
            ACCEPTED.add(tx.toWire());
        }
        head = grid.registry.head();
        stats = grid.get("/stats").body().toString();
    }

    /** After every try of every property: the same state, and the log still verifies. */
    @AfterContainer
    static void stop() throws Exception {
        try {
            assertThat(grid.get("/stats").body().toString()).isEqualTo(stats);
            assertThat(grid.registry.head()).isEqualTo(head);
            assertThat(grid.registry.verify().ok()).isTrue();
        } finally {
            grid.close();
        }
    }

    static void refused(byte[] body) throws Exception {
        var a = grid.post("/tx", body);
        assertThat(a.status()).as("%s → %s", new String(body, StandardCharsets.UTF_8), a.body()).isBetween(400, 499);
        assertThat(a.error()).isNotBlank().doesNotContain("\n");
        assertThat(grid.registry.head()).isEqualTo(head);
    }

    @Property(tries = 60)
    void randomBytes(@ForAll @Size(max = 400) byte[] body) throws Exception {
        refused(body);
    }

    @Property(tries = 60)
    void jsonishText(@ForAll("jsonish") String body) throws Exception {
        refused(body.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 200)
    void mutatedAcceptedTransactions(@ForAll("mutations") byte[] body) throws Exception {
        refused(body);
    }

    @Provide
    Arbitrary<String> jsonish() {
        return Arbitraries.strings().withChars("{}[]\":,0123456789abcdeftxsignaturebodynoncetype.- \\")
                .ofMaxLength(200);
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        Arbitrary<byte[]> base = Arbitraries.of(ACCEPTED);
        return Combinators.combine(base, Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 100_000),
                Arbitraries.integers().between(1, 40), Arbitraries.bytes()).as(TxRouteFuzzProperties::mutate);
    }

    /** One of: flip a byte, delete a span, insert a byte, duplicate a span, truncate, or replay as is. */
    static byte[] mutate(byte[] wire, int op, int at, int len, byte b) {
        int i = at % wire.length;
        int n = Math.min(len, wire.length - i);
        var out = new java.io.ByteArrayOutputStream();
        switch (op) {
            case 0 -> {
                byte[] copy = wire.clone();
                copy[i] = (byte) (copy[i] ^ (b == 0 ? 1 : b));
                return copy;
            }
            case 1 -> {
                out.write(wire, 0, i);
                out.write(wire, i + n, wire.length - i - n);
            }
            case 2 -> {
                out.write(wire, 0, i);
                out.write(b);
                out.write(wire, i, wire.length - i);
            }
            case 3 -> {
                out.write(wire, 0, i + n);
                out.write(wire, i, wire.length - i);
            }
            case 4 -> out.write(wire, 0, i);
            default -> out.writeBytes(wire);
        }
        return out.toByteArray();
    }
}
