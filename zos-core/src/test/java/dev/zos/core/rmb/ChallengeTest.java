package dev.zos.core.rmb;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.zos.core.rmb.proto.Address;
import dev.zos.core.rmb.proto.Envelope;
import dev.zos.core.rmb.proto.Error;
import dev.zos.core.rmb.proto.Request;
import dev.zos.core.rmb.proto.Response;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Known answers: the challenge strings are written out by hand from the field order of ThreeFold's
 * Go peer (hashes.go); the MD5 values were computed independently with {@code printf '%s' … | md5sum}.
 */
class ChallengeTest {

    private static Address addr(int twin) {
        return Address.newBuilder().setTwin(twin).build();
    }

    private static Address addr(int twin, String connection) {
        return Address.newBuilder().setTwin(twin).setConnection(connection).build();
    }

    private static void assertChallenge(Envelope env, String expected, String md5) {
        assertThat(new String(Challenge.bytes(env), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(HexFormat.of().formatHex(Challenge.digest(env))).isEqualTo(md5);
    }

    @Test
    void minimalRequest() {
        var env = Envelope.newBuilder().setUid("abc").setTimestamp(1700000000L).setExpiration(300)
                .setSource(addr(7)).setDestination(addr(42))
                .setRequest(Request.newBuilder().setCommand("zos.system.version"))
                .setPlain(ByteString.copyFromUtf8("{}")).build();
        assertChallenge(env, "abc1700000000300742zos.system.version{}", "72f18997e907cb90419b01bd642253c6");
    }

    @Test
    void requestWithTagsConnectionsSchemaFederationAndRelays() {
        var env = Envelope.newBuilder().setUid("u-1").setTags("fail-fast").setTimestamp(1700000001L).setExpiration(60)
                .setSource(addr(7, "sess")).setDestination(addr(42, "node"))
                .setRequest(Request.newBuilder().setCommand("zos.deployment.get"))
                .setSchema("application/json").setFederation("relay.grid.tf")
                .setPlain(ByteString.copyFromUtf8("{\"contract_id\":5}"))
                .addRelays("r1.example").addRelays("r2.example").build();
        assertChallenge(env,
                "u-1fail-fast1700000001607sess42nodezos.deployment.getapplication/jsonrelay.grid.tf"
                        + "{\"contract_id\":5}r1.exampler2.example",
                "d1c29b6d01637c3b332023253578e066");
    }

    @Test
    void responseAddsNothingOfItsOwn() {
        var env = Envelope.newBuilder().setUid("abc").setTimestamp(1700000002L).setExpiration(300)
                .setSource(addr(42)).setDestination(addr(7, "sess"))
                .setResponse(Response.getDefaultInstance()).setSchema("application/json")
                .setPlain(ByteString.copyFromUtf8("{\"version\":\"3.0\"}")).build();
        assertChallenge(env, "abc1700000002300427sessapplication/json{\"version\":\"3.0\"}",
                "cb966b8cb4219e35e7fd55fe7825cd0a");
    }

    @Test
    void errorAddsCodeThenMessage() {
        var env = Envelope.newBuilder().setUid("abc").setTimestamp(1700000003L).setExpiration(300)
                .setSource(addr(42)).setDestination(addr(7))
                .setError(Error.newBuilder().setCode(104).setMessage("bad signature")).build();
        assertChallenge(env, "abc1700000003300427104bad signature", "8b440e1be6c4b28af2e2b8d6d1ef0154");
    }

    @Test
    void twinIdsAreUnsigned() {
        var env = Envelope.newBuilder().setUid("p").setTimestamp(1700000005L).setExpiration(30)
                .setSource(addr((int) 4294967295L)).setDestination(addr(9))
                .setRequest(Request.newBuilder().setCommand("42ping")).build();
        assertChallenge(env, "p1700000005304294967295942ping", "d5e7b1aee2c1c3695ba0b523ad943630");
    }

    @Test
    void cipherBytesAreHashedRaw() {
        var env = Envelope.newBuilder().setUid("c").setTimestamp(1700000006L).setExpiration(10)
                .setSource(addr(13)).setDestination(addr(42))
                .setRequest(Request.newBuilder().setCommand("zos.x"))
                .setCipher(ByteString.copyFrom(new byte[] {0x00, (byte) 0xff, 0x10})).build();
        byte[] prefix = "c1700000006101342zos.x".getBytes(StandardCharsets.US_ASCII);
        assertThat(Challenge.bytes(env)).startsWith(prefix).endsWith(0x00, 0xff, 0x10)
                .hasSize(prefix.length + 3);
        assertThat(HexFormat.of().formatHex(Challenge.digest(env))).isEqualTo("b8b17cc5591f0f7c5bd3c933d01b2cb0");
    }

    @Test
    void signatureIsNotPartOfTheChallenge() {
        var env = Envelope.newBuilder().setUid("abc").setTimestamp(1700000000L).setExpiration(300)
                .setSource(addr(7)).setDestination(addr(42))
                .setRequest(Request.newBuilder().setCommand("zos.system.version"))
                .setPlain(ByteString.copyFromUtf8("{}"));
        byte[] before = Challenge.digest(env.build());
        assertThat(Challenge.digest(env.setSignature(ByteString.copyFrom(new byte[65])).build())).isEqualTo(before);
    }

    /** A limitation of the upstream format, pinned down so nobody relies on the difference. */
    @Test
    void absentAndEmptyOptionalStringsGiveTheSameChallenge() {
        var base = Envelope.newBuilder().setUid("abc").setTimestamp(1).setExpiration(2)
                .setSource(addr(7)).setDestination(addr(42)).setResponse(Response.getDefaultInstance());
        assertThat(Challenge.bytes(base.clone().setTags("").build())).isEqualTo(Challenge.bytes(base.build()));
    }
}
