package dev.zos.core.rmb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.zos.core.rmb.proto.Address;
import dev.zos.core.rmb.proto.Envelope;
import dev.zos.core.rmb.proto.Error;
import dev.zos.core.rmb.proto.Ping;
import dev.zos.core.rmb.proto.Request;
import org.junit.jupiter.api.Test;

class EnvelopeSigningTest {
    private static final Envelope REQUEST = Envelope.newBuilder().setUid("u1").setTimestamp(1700000000L)
            .setExpiration(60).setSource(Address.newBuilder().setTwin(7)).setDestination(Address.newBuilder().setTwin(42))
            .setRequest(Request.newBuilder().setCommand("zos.system.version"))
            .setPlain(ByteString.copyFromUtf8("{}")).build();

    @Test
    void signedEnvelopeVerifiesAgainstTheSignersKey() {
        var signed = EnvelopeSigning.sign(REQUEST, TestTwins.key(1));
        assertThat(signed.getSignature().size()).isEqualTo(65);
        assertThat(signed.getSignature().byteAt(0)).isEqualTo((byte) 'e');
        EnvelopeSigning.verify(signed, TestTwins.key(1).publicKey());
    }

    @Test
    void otherKeyIsRefused() {
        var signed = EnvelopeSigning.sign(REQUEST, TestTwins.key(1));
        assertThatThrownBy(() -> EnvelopeSigning.verify(signed, TestTwins.key(2).publicKey()))
                .isInstanceOf(RmbException.class).hasMessageContaining("does not match")
                .satisfies(e -> assertThat(((RmbException) e).code()).isEqualTo(104));
    }

    @Test
    void alteredFieldIsRefused() {
        var signed = EnvelopeSigning.sign(REQUEST, TestTwins.key(1));
        var altered = signed.toBuilder().setExpiration(61).build();
        assertThatThrownBy(() -> EnvelopeSigning.verify(altered, TestTwins.key(1).publicKey()))
                .isInstanceOf(RmbException.class);
    }

    @Test
    void unsignedIsRefused() {
        assertThatThrownBy(() -> EnvelopeSigning.verify(REQUEST, TestTwins.key(1).publicKey()))
                .hasMessageContaining("is not signed");
    }

    @Test
    void wrongSignatureLengthIsNamed() {
        var bad = REQUEST.toBuilder().setSignature(ByteString.copyFrom(new byte[64])).build();
        assertThatThrownBy(() -> EnvelopeSigning.verify(bad, TestTwins.key(1).publicKey()))
                .hasMessageContaining("must be 65 bytes").hasMessageContaining("got 64");
    }

    @Test
    void unknownPrefixIsNamed() {
        byte[] sig = EnvelopeSigning.sign(REQUEST, TestTwins.key(1)).getSignature().toByteArray();
        sig[0] = 'x';
        var bad = REQUEST.toBuilder().setSignature(ByteString.copyFrom(sig)).build();
        assertThatThrownBy(() -> EnvelopeSigning.verify(bad, TestTwins.key(1).publicKey()))
                .hasMessageContaining("'e' (ed25519) or 's' (sr25519)").hasMessageContaining("0x78");
    }

    @Test
    void sr25519IsRecognisedButUnsupported() {
        byte[] sig = EnvelopeSigning.sign(REQUEST, TestTwins.key(1)).getSignature().toByteArray();
        sig[0] = 's';
        var sr = REQUEST.toBuilder().setSignature(ByteString.copyFrom(sig)).build();
        assertThatThrownBy(() -> EnvelopeSigning.verify(sr, TestTwins.key(1).publicKey()))
                .hasMessageContaining("sr25519, which is not supported");
    }

    @Test
    void pingsAreNotAcceptedSigned() {
        var ping = EnvelopeSigning.sign(REQUEST.toBuilder().setPing(Ping.getDefaultInstance()).build(), TestTwins.key(1));
        assertThatThrownBy(() -> EnvelopeSigning.verify(ping, TestTwins.key(1).publicKey()))
                .hasMessageContaining("PING");
    }

    @Test
    void relayErrorsAreUnsignedErrorsFromTwinZeroOnly() {
        var relayError = Envelope.newBuilder().setUid("u1").setSource(Address.newBuilder().setTwin(0))
                .setDestination(Address.newBuilder().setTwin(7))
                .setError(Error.newBuilder().setCode(500).setMessage("twin not found")).build();
        assertThat(EnvelopeSigning.isRelayError(relayError)).isTrue();
        assertThat(EnvelopeSigning.isRelayError(relayError.toBuilder().clearSource().build())).isTrue();
        assertThat(EnvelopeSigning.isRelayError(relayError.toBuilder()
                .setSource(Address.newBuilder().setTwin(5)).build())).isFalse();
        assertThat(EnvelopeSigning.isRelayError(relayError.toBuilder()
                .setSignature(ByteString.copyFrom(new byte[65])).build())).isFalse();
        assertThat(EnvelopeSigning.isRelayError(REQUEST.toBuilder()
                .setSource(Address.newBuilder().setTwin(0)).build())).isFalse();
    }

    /**
     * The upstream challenge has no separators: moving the schema text into the (absent) federation
     * field keeps the signature valid. Peers therefore require a schema (verifyStrict).
     */
    @Test
    void schemaMovedIntoFederationIsCaughtOnlyByTheStrictCheck() {
        var signed = EnvelopeSigning.sign(REQUEST.toBuilder().setSchema("application/json").build(), TestTwins.key(1));
        var moved = signed.toBuilder().clearSchema().setFederation("application/json").build();
        EnvelopeSigning.verify(moved, TestTwins.key(1).publicKey());
        assertThatThrownBy(() -> EnvelopeSigning.verifyStrict(moved, TestTwins.key(1).publicKey()))
                .hasMessageContaining("has no schema");
        EnvelopeSigning.verifyStrict(signed, TestTwins.key(1).publicKey());
    }
}
