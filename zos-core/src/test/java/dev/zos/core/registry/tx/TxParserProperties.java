package dev.zos.core.registry.tx;

import dev.zos.core.ZosException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever bytes arrive, the parser answers with a transaction or an INVALID refusal, never another exception. */
class TxParserProperties {
    static final SignedTransaction SAMPLE = TransactionBuilder.forTwin(TxCodecTest.KEY, 5, TxCodecTest.CLOCK)
            .nodeRegister(1, new dev.zos.core.registry.model.Resources(4, 1L << 33, 1L << 36, 0),
                    new dev.zos.core.registry.model.Location("Belgium", "Ghent", "51.05", "3.72"),
                    List.of(new dev.zos.core.registry.model.NodeInterface("zos", "aa:bb", List.of("10.0.0.2"))),
                    "SN1", false);
    static final byte[] WIRE = SAMPLE.toWire();

    static void parsesOrInvalid(byte[] bytes) {
        try {
            var parsed = TxCodec.parse(bytes);
            // anything that parses re-encodes canonically and parses back to itself
            assertThat(TxCodec.parse(parsed.toWire())).isEqualTo(parsed);
        } catch (ZosException e) {
            assertThat(e.kind()).isEqualTo(ZosException.Kind.INVALID);
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        }
        try {
            TxCodec.parseTransaction(bytes);
        } catch (ZosException e) {
            assertThat(e.kind()).isEqualTo(ZosException.Kind.INVALID);
        }
    }

    @Property(tries = 200)
    void garbageBytes(@ForAll @Size(max = 300) byte[] bytes) {
        parsesOrInvalid(bytes);
    }

    @Property(tries = 200)
    void garbageText(@ForAll("jsonish") String text) {
        parsesOrInvalid(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 300)
    void mutatedTransactions(@ForAll("mutations") byte[] bytes) {
        parsesOrInvalid(bytes);
        // a mutation that still parses must no longer verify unless it changed nothing signed
        try {
            var parsed = TxCodec.parse(bytes);
            boolean verifies = TxCodecTest.KEY.verify(parsed.tx().canonicalBytes(), parsed.signature());
            assertThat(verifies).isEqualTo(parsed.equals(SAMPLE));
        } catch (ZosException ignored) {
            // refused: fine
        }
    }

    @Provide
    Arbitrary<String> jsonish() {
        return Arbitraries.strings().withChars("{}[]\":,0123456789-.eEtrufalsn \\abc_xyz").ofMaxLength(200);
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, WIRE.length - 1);
        Arbitrary<Byte> value = Arbitraries.bytes();
        var flip = net.jqwik.api.Combinators.combine(position, value).as((p, v) -> {
            byte[] copy = WIRE.clone();
            copy[p] = v;
            return copy;
        });
        var cut = position.map(p -> java.util.Arrays.copyOf(WIRE, p));
        var insert = net.jqwik.api.Combinators.combine(position, Arbitraries.of("\"", "{", "}", ",", "0", "-", "null",
                "\\u0000", "[", "1e9", "99999999999999999999999")).as((p, s) -> {
            String w = new String(WIRE, StandardCharsets.ISO_8859_1);
            return (w.substring(0, p) + s + w.substring(p)).getBytes(StandardCharsets.ISO_8859_1);
        });
        var digit = position.map(p -> {
            byte[] copy = WIRE.clone();
            if (copy[p] >= '0' && copy[p] < '9') {
                copy[p]++;
            }
            return copy;
        });
        return Arbitraries.oneOf(flip, cut, insert, digit);
    }
}
