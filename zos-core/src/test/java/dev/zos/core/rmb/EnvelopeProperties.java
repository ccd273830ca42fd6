package dev.zos.core.rmb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.zos.core.identity.TwinKey;
import dev.zos.core.rmb.proto.Address;
import dev.zos.core.rmb.proto.Envelope;
import dev.zos.core.rmb.proto.Error;
import dev.zos.core.rmb.proto.Request;
import dev.zos.core.rmb.proto.Response;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class EnvelopeProperties {
    private static final TwinKey KEY = TestTwins.key(3);

    @Property(tries = 300)
    void anyEnvelopeRoundTripsThroughProtobuf(@ForAll("envelopes") Envelope env) {
        var parsed = EnvelopeCodec.parse(EnvelopeCodec.serialize(env));
        assertThat(parsed).isEqualTo(env);
        assertThat(Challenge.bytes(parsed)).isEqualTo(Challenge.bytes(env));
    }

    /**
     * Any single-bit change of a signed envelope's bytes that changes the envelope is caught: the bytes
     * no longer parse, or the strict signature check fails. A flip that leaves the parsed envelope equal
     * (the unused high bits of a 5-byte uint32 varint) changes no signed field and is not a change.
     * Optional strings and payloads are generated non-empty, because the upstream challenge cannot tell
     * an empty value from an absent one (see ChallengeTest), and a schema is always set, as peers require.
     */
    @Property(tries = 300)
    void anySingleBitFlipFailsParsingOrVerification(@ForAll("envelopes") Envelope unsigned,
                                                     @ForAll("fractions") double where) {
        var signed = EnvelopeSigning.sign(unsigned.hasSchema() ? unsigned
                : unsigned.toBuilder().setSchema("application/json").build(), KEY);
        byte[] bytes = signed.toByteArray();
        int bit = (int) (where * bytes.length * 8);
        bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        Envelope parsed;
        try {
            parsed = EnvelopeCodec.parse(bytes);
        } catch (RmbException e) {
            return; // refused at parsing
        }
        if (parsed.equals(signed)) {
            return; // encoding slack only: every signed field has its original value
        }
        assertThatThrownBy(() -> EnvelopeSigning.verifyStrict(parsed, KEY.publicKey()))
                .as("flipped bit %d of %d", bit, bytes.length * 8)
                .isInstanceOf(RmbException.class);
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, 1).filter(d -> d < 1.0);
    }

    @Provide
    Arbitrary<Envelope> envelopes() {
        Arbitrary<String> text = Arbitraries.strings().ofMinLength(1).ofMaxLength(20)
                .withChars("abcxyz.:-_/é✓09");
        Arbitrary<Address> address = Combinators.combine(
                        Arbitraries.longs().between(1, RmbAddress.MAX_TWIN), text.injectNull(0.5))
                .as((twin, conn) -> new RmbAddress(twin, conn).toProto());
        Arbitrary<Envelope.Builder> message = Arbitraries.oneOf(
                text.map(cmd -> Envelope.newBuilder().setRequest(Request.newBuilder().setCommand(cmd))),
                Arbitraries.just(0).map(x -> Envelope.newBuilder().setResponse(Response.getDefaultInstance())),
                Combinators.combine(Arbitraries.integers().between(1, 1000), text).as((code, msg) ->
                        Envelope.newBuilder().setError(Error.newBuilder().setCode(code).setMessage(msg))));
        Arbitrary<byte[]> payload = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64);
        return Builders.withBuilder(() -> Envelope.newBuilder())
                .use(message).in((b, m) -> b.mergeFrom(m.build()))
                .use(text).in(Envelope.Builder::setUid)
                .use(text).withProbability(0.5).in(Envelope.Builder::setTags)
                .use(Arbitraries.longs().between(0, 4_000_000_000L)).in(Envelope.Builder::setTimestamp)
                .use(Arbitraries.longs().between(1, 86_400)).in(Envelope.Builder::setExpiration)
                .use(address).in(Envelope.Builder::setSource)
                .use(address).in(Envelope.Builder::setDestination)
                .use(text).withProbability(0.5).in(Envelope.Builder::setSchema)
                .use(text).withProbability(0.3).in(Envelope.Builder::setFederation)
                .use(payload).withProbability(0.5).in((b, p) -> b.setPlain(ByteString.copyFrom(p)))
                .use(payload).withProbability(0.3).in((b, p) -> b.setCipher(ByteString.copyFrom(p)))
                .use(text.list().ofMaxSize(3)).in((b, r) -> b.addAllRelays((List<String>) r))
                .build(Envelope.Builder::build);
    }
}
