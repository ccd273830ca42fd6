package dev.zos.core.registry.tx;

import dev.zos.core.ZosException;
import dev.zos.core.identity.TwinKey;
import dev.zos.core.registry.model.Location;
import dev.zos.core.registry.model.NodeInterface;
import dev.zos.core.registry.model.Power;
import dev.zos.core.registry.model.Resources;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TxCodecTest {
    static final TwinKey KEY = TwinKey.fromSeed(filled(7));
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);

    static byte[] filled(int b) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) b);
        return seed;
    }

    private static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void invalid(String wire, String part) {
        assertThatThrownBy(() -> TxCodec.parse(wire.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ZosException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ZosException.Kind.INVALID);
                    assertThat(e.getMessage()).contains(part);
                });
    }

    @Test
    void canonicalBytesHaveSortedKeysAndNoWhitespace() {
        var tx = Transaction.of(3, 42, 1_700_000_000, new TxBody.FarmCreate("my_farm", 1,
                List.of(new TxBody.IpInput("185.69.166.10/24", "185.69.166.1"))));
        assertThat(str(tx.canonicalBytes())).isEqualTo("{\"body\":{\"name\":\"my_farm\",\"pricing_policy_id\":1,"
                + "\"public_ips\":[{\"gateway\":\"185.69.166.1\",\"ip\":\"185.69.166.10/24\"}]},"
                + "\"nonce\":42,\"signer\":3,\"timestamp\":1700000000,\"type\":\"farm.create\"}");
    }

    @Test
    void optionalFieldsAreExplicitNullsAndStringsEscapeOnlyWhatJsonNeeds() {
        var tx = TransactionBuilder.twinCreate(KEY, "wss://r\u00e9lay/\"x\"\\", null, CLOCK).tx();
        assertThat(str(tx.canonicalBytes())).contains("\"pk\":null", "\"relay\":\"wss://r\u00e9lay/\\\"x\\\"\\\\\"");
    }

    @Test
    void everyTypeRoundTripsThroughTheWire() {
        var b = TransactionBuilder.forTwin(KEY, 5, CLOCK);
        var res = new Resources(4, 1L << 33, 1L << 36, 0);
        var loc = new Location("Belgium", "Ghent", "51.05", "-3.72");
        var ifaces = List.of(new NodeInterface("zos", "aa:bb:cc:dd:ee:ff", List.of("10.0.0.2/24")));
        List<SignedTransaction> all = List.of(
                TransactionBuilder.twinCreate(KEY, "wss://relay", "02" + "11".repeat(32), CLOCK),
                b.twinUpdate(null, null),
                b.farmCreate("farm1", 1, List.of()),
                b.farmUpdate(1, "farm2", 1),
                b.farmIpsAdd(1, List.of(new TxBody.IpInput("10.0.0.9/8", "10.0.0.1"))),
                b.farmIpsRemove(1, List.of("10.0.0.9/8")),
                b.nodeRegister(1, res, loc, ifaces, "SN1", true),
                b.nodeUpdate(1, res, loc, List.of(), "SN1", false),
                b.nodeUptime(1, 77),
                b.nodePowerTarget(1, Power.DOWN),
                b.nodePowerState(1, Power.UP),
                b.contractNodeCreate(1, "ab".repeat(16), 1),
                b.contractNodeUpdate(1, "cd".repeat(16)),
                b.contractCancel(1),
                b.contractNameCreate("gw_name"),
                b.contractResources(1, res));
        assertThat(all).extracting(s -> s.tx().type()).containsExactly(TxType.values());
        for (var stx : all) {
            byte[] wire = stx.toWire();
            var parsed = TxCodec.parse(wire);
            assertThat(parsed).isEqualTo(stx);
            assertThat(parsed.toWire()).isEqualTo(wire);
            assertThat(TxCodec.parseTransaction(stx.tx().canonicalBytes())).isEqualTo(stx.tx());
            assertThat(KEY.verify(parsed.tx().canonicalBytes(), parsed.signature())).isTrue();
        }
    }

    @Test
    void nonCanonicalButEquivalentInputParsesToTheSameSignedBytes() {
        var stx = TransactionBuilder.forTwin(KEY, 5, CLOCK).contractCancel(9);
        String sig = java.util.HexFormat.of().formatHex(stx.signature());
        String spaced = "{ \"tx\" : { \"type\":\"contract.cancel\", \"signer\":5, \"nonce\":" + stx.tx().nonce()
                + ", \"timestamp\":1700000000, \"body\":{\"contract_id\":9} }, \"signature\":\"" + sig + "\" }";
        assertThat(TxCodec.parse(spaced.getBytes(StandardCharsets.UTF_8))).isEqualTo(stx);
    }

    @Test
    void badBodiesAreInvalidWithAReason() {
        String sig = "00".repeat(64);
        String head = "{\"signature\":\"" + sig + "\",\"tx\":{\"signer\":5,\"nonce\":1,\"timestamp\":1700000000,";
        invalid(head + "\"type\":\"farm.create\",\"body\":{\"name\":\"a b\",\"pricing_policy_id\":1,\"public_ips\":[]}}}",
                "farm name must be 3 to 40");
        invalid(head + "\"type\":\"farm.destroy\",\"body\":{}}}", "unknown transaction type 'farm.destroy'");
        invalid(head + "\"type\":\"contract.cancel\",\"body\":{\"contract_id\":\"9\"}}}", "malformed transaction");
        invalid(head + "\"type\":\"contract.cancel\",\"body\":{\"contract_id\":9.5}}}", "malformed transaction");
        invalid(head + "\"type\":\"contract.cancel\",\"body\":{}}}", "malformed transaction");
        invalid(head + "\"type\":\"contract.cancel\",\"body\":{\"contract_id\":9,\"x\":1}}}", "malformed transaction");
        invalid(head + "\"type\":\"contract.cancel\",\"body\":{\"contract_id\":0}}}", "contract_id must be a positive id");
        invalid(head + "\"type\":\"contract.node.create\",\"body\":{\"node_id\":1,\"deployment_hash\":\"XYZ\",\"public_ips\":0}}}",
                "deployment_hash must be lower-case hex");
        invalid(head + "\"type\":\"farm.ips.add\",\"body\":{\"farm_id\":1,\"ips\":[{\"ip\":\"1.2.3.4/24\",\"gateway\":\"9.9.9.9\"}]}}}",
                "not in the network");
        invalid(head + "\"type\":\"twin.create\",\"body\":{\"public_key\":\"" + "00".repeat(32)
                + "\",\"relay\":null,\"pk\":null}}}", "twin.create must have signer 0");
        invalid(head + "\"type\":\"contract.cancel\",\"body\":{\"contract_id\":9}},\"tx\":{}}", "malformed transaction");
        invalid("{\"signature\":\"00\",\"tx\":{}}", "signature must be 64 bytes");
        invalid("[]", "a transaction is a JSON object");
        invalid("", "empty transaction");
        invalid("{\"tx\":{}} trailing", "malformed transaction");
    }

    @Test
    void locationsAndIpsAreChecked() {
        assertThatThrownBy(() -> new Location("BE", "Ghent", "91", "0")).hasMessageContaining("within ±90");
        assertThatThrownBy(() -> new Location("BE", "Ghent", "1e3", "0")).hasMessageContaining("decimal number");
        assertThatThrownBy(() -> new TxBody.IpInput("1.2.3.04/24", "1.2.3.1")).hasMessageContaining("IPv4");
        assertThatThrownBy(() -> new TxBody.IpInput("1.2.3.4/33", "1.2.3.1")).hasMessageContaining("IPv4");
    }
}
