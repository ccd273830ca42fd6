package dev.zos.core.rmb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.zos.core.ZosException;
import dev.zos.core.rmb.proto.Address;
import dev.zos.core.rmb.proto.Envelope;
import dev.zos.core.rmb.proto.Request;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {
    private static final Envelope ENV = EnvelopeSigning.sign(Envelope.newBuilder().setUid("u1")
            .setTimestamp(1700000000L).setExpiration(60).setSource(Address.newBuilder().setTwin(7))
            .setDestination(Address.newBuilder().setTwin(42)).setRequest(Request.newBuilder().setCommand("cmd"))
            .setPlain(ByteString.copyFromUtf8("{\"a\":1}")).build(), TestTwins.key(1));

    @Test
    void roundTrips() {
        assertThat(EnvelopeCodec.parse(EnvelopeCodec.serialize(ENV))).isEqualTo(ENV);
    }

    @Test
    void truncatedInsideAFieldIsInvalidProtobuf() {
        byte[] cut = Arrays.copyOf(ENV.toByteArray(), ENV.getSerializedSize() - 3); // inside the payload
        assertThatThrownBy(() -> EnvelopeCodec.parse(cut)).isInstanceOf(RmbException.class)
                .hasMessageContaining("not valid protobuf")
                .satisfies(e -> assertThat(((ZosException) e).kind()).isEqualTo(ZosException.Kind.INVALID));
    }

    /** A cut at a field boundary is still protobuf; the missing fields are then caught by structure or signature. */
    @Test
    void everyTruncationIsRefused() {
        byte[] bytes = ENV.toByteArray();
        for (int len = 1; len < bytes.length; len++) {
            byte[] cut = Arrays.copyOf(bytes, len);
            assertThatThrownBy(() -> EnvelopeSigning.verify(EnvelopeCodec.parse(cut), TestTwins.key(1).publicKey()))
                    .as("length %d", len).isInstanceOf(RmbException.class);
        }
    }

    @Test
    void oversizedIsInvalidWithTheLimitNamed() {
        byte[] big = new byte[EnvelopeCodec.MAX_ENVELOPE_SIZE + 1];
        assertThatThrownBy(() -> EnvelopeCodec.parse(big)).hasMessageContaining("more than the maximum of 4194304");
        var huge = ENV.toBuilder().setPlain(ByteString.copyFrom(big)).build();
        assertThatThrownBy(() -> EnvelopeCodec.serialize(huge)).isInstanceOf(RmbException.class)
                .hasMessageContaining("send a smaller payload");
    }

    @Test
    void garbageIsInvalid() {
        assertThatThrownBy(() -> EnvelopeCodec.parse(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}))
                .hasMessageContaining("not valid protobuf");
        assertThatThrownBy(() -> EnvelopeCodec.parse("hello, relay".getBytes()))
                .isInstanceOf(RmbException.class);
        assertThatThrownBy(() -> EnvelopeCodec.parse(new byte[0])).hasMessageContaining("empty");
    }

    @Test
    void missingFieldsAreNamed() {
        assertThatThrownBy(() -> EnvelopeCodec.parse(ENV.toBuilder().clearUid().build().toByteArray()))
                .hasMessageContaining("uid is empty");
        assertThatThrownBy(() -> EnvelopeCodec.parse(ENV.toBuilder().clearDestination().build().toByteArray()))
                .hasMessageContaining("no destination");
        assertThatThrownBy(() -> EnvelopeCodec.parse(ENV.toBuilder().clearSource().build().toByteArray()))
                .hasMessageContaining("no source");
        assertThatThrownBy(() -> EnvelopeCodec.parse(ENV.toBuilder().clearMessage().build().toByteArray()))
                .hasMessageContaining("has no message");
        assertThatThrownBy(() -> EnvelopeCodec.parse(ENV.toBuilder().setUid("x".repeat(257)).build().toByteArray()))
                .hasMessageContaining("longer than 256");
    }
}
