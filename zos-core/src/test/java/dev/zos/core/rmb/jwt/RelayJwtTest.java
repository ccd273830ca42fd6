package dev.zos.core.rmb.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import dev.zos.core.rmb.TestTwins;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RelayJwtTest {
    private static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L);
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final byte[] PUB = TestTwins.key(1).publicKey();

    private static String token(String sid) {
        return RelayJwt.sign(RelayToken.issue(7, sid, Duration.ofSeconds(60), CLOCK), TestTwins.key(1));
    }

    private static String part(String jwt, int i) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[i]), StandardCharsets.UTF_8);
    }

    private static Clock at(long second) {
        return Clock.fixed(Instant.ofEpochSecond(second), ZoneOffset.UTC);
    }

    @Test
    void exactWireFormat() {
        String jwt = token("cli");
        assertThat(jwt).doesNotContain("=", "+", "/").matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(jwt.split("\\.")[0]).isEqualTo("eyJhbGciOiJSUzUxMiIsInR5cCI6IkpXVCJ9");
        assertThat(part(jwt, 0)).isEqualTo("{\"alg\":\"RS512\",\"typ\":\"JWT\"}");
        assertThat(part(jwt, 1)).isEqualTo("{\"sub\":7,\"iat\":1700000000,\"exp\":1700000060,\"sid\":\"cli\"}");
        byte[] sig = Base64.getUrlDecoder().decode(jwt.split("\\.")[2]);
        assertThat(sig).hasSize(65);
        assertThat(sig[0]).isEqualTo((byte) 'e');
        // the signature covers the ASCII "header.claims" text itself
        String signingInput = jwt.substring(0, jwt.lastIndexOf('.'));
        assertThat(TestTwins.key(1).verify(signingInput.getBytes(StandardCharsets.US_ASCII),
                java.util.Arrays.copyOfRange(sig, 1, 65))).isTrue();
    }

    @Test
    void roundTrip() {
        var token = RelayJwt.parse(token("cli")).verify(PUB, CLOCK, SKEW);
        assertThat(token).isEqualTo(new RelayToken(7, T0, T0.plusSeconds(60), "cli"));
        var noSid = RelayJwt.parse(token(null)).verify(PUB, CLOCK, SKEW);
        assertThat(noSid.sid()).isEmpty();
        assertThat(part(token(null), 1)).doesNotContain("sid");
    }

    @Test
    void rmbRsStyleHeaderWithoutTypIsAccepted() {
        String jwt = token(null);
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"RS512\"}".getBytes(StandardCharsets.US_ASCII));
        String claims = jwt.split("\\.")[1];
        var sig = dev.zos.core.rmb.PrefixedSignature.sign(TestTwins.key(1),
                (header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        String rs = header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig.encode());
        assertThat(RelayJwt.parse(rs).verify(PUB, CLOCK, SKEW).twin()).isEqualTo(7);
    }

    @Test
    void expiredIsRefusedAfterTheSkew() {
        String jwt = token(null);
        assertThat(RelayJwt.parse(jwt).verify(PUB, at(1_700_000_090L), SKEW).twin()).isEqualTo(7);
        assertThatThrownBy(() -> RelayJwt.parse(jwt).verify(PUB, at(1_700_000_091L), SKEW))
                .isInstanceOf(ZosException.class).hasMessageContaining("expired at 1700000060")
                .satisfies(e -> assertThat(((ZosException) e).kind()).isEqualTo(ZosException.Kind.FORBIDDEN));
    }

    @Test
    void issuedInTheFutureIsRefused() {
        assertThatThrownBy(() -> RelayJwt.parse(token(null)).verify(PUB, at(1_699_999_960L), SKEW))
                .hasMessageContaining("issued in the future");
    }

    @Test
    void forgedWithAnotherKeyIsRefused() {
        String forged = RelayJwt.sign(RelayToken.issue(7, null, Duration.ofSeconds(60), CLOCK), TestTwins.key(2));
        assertThatThrownBy(() -> RelayJwt.parse(forged).verify(PUB, CLOCK, SKEW))
                .hasMessageContaining("signature does not match")
                .satisfies(e -> assertThat(((ZosException) e).kind()).isEqualTo(ZosException.Kind.FORBIDDEN));
    }

    @Test
    void alteredClaimsAreRefused() {
        String[] parts = token(null).split("\\.");
        String otherTwin = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":8,\"iat\":1700000000,\"exp\":1700000060}".getBytes(StandardCharsets.UTF_8));
        String altered = parts[0] + "." + otherTwin + "." + parts[2];
        assertThat(RelayJwt.parse(altered).token().twin()).isEqualTo(8);
        assertThatThrownBy(() -> RelayJwt.parse(altered).verify(PUB, CLOCK, SKEW))
                .hasMessageContaining("signature does not match");
    }

    @Test
    void alteredSignatureCharacterIsRefused() {
        String jwt = token(null);
        for (char c : new char[] {'A', 'B', 'C', 'D', 'E', 'Q'}) {
            String altered = jwt.substring(0, jwt.length() - 1) + c;
            if (altered.equals(jwt)) {
                continue;
            }
            assertThatThrownBy(() -> RelayJwt.parse(altered).verify(PUB, CLOCK, SKEW)).as("last char %s", c)
                    .isInstanceOf(ZosException.class);
        }
    }

    @Test
    void malformedTokensAreNamed() {
        String jwt = token(null);
        String[] p = jwt.split("\\.");
        String b64 = "eyJ4IjoxfQ"; // {"x":1}
        assertThatThrownBy(() -> RelayJwt.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> RelayJwt.parse("a.b")).hasMessageContaining("3 dot-separated parts, got 2");
        assertThatThrownBy(() -> RelayJwt.parse(p[0] + "." + p[1] + "." + p[2] + ".x"))
                .hasMessageContaining("got 4");
        assertThatThrownBy(() -> RelayJwt.parse("@@." + p[1] + "." + p[2])).hasMessageContaining("header is not base64url");
        assertThatThrownBy(() -> RelayJwt.parse(p[0] + "=." + p[1] + "." + p[2])).hasMessageContaining("without padding");
        assertThatThrownBy(() -> RelayJwt.parse(b64 + "." + p[1] + "." + p[2])).hasMessageContaining("alg must be");
        assertThatThrownBy(() -> RelayJwt.parse(p[0] + "." + b64 + "." + p[2])).hasMessageContaining("claim sub");
        assertThatThrownBy(() -> RelayJwt.parse(p[0] + ".bm90IGpzb24." + p[2])).hasMessageContaining("claims is not JSON");
        assertThatThrownBy(() -> RelayJwt.parse(p[0] + "." + p[1] + ".")).hasMessageContaining("signature is empty");
        assertThatThrownBy(() -> RelayJwt.parse(p[0] + "." + p[1] + "." + p[2].substring(4)))
                .hasMessageContaining("signature must be 65 bytes");
        assertThatThrownBy(() -> RelayJwt.parse("x".repeat(5000))).hasMessageContaining("longer than 4096");
        String negative = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":-1,\"iat\":1,\"exp\":2}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> RelayJwt.parse(p[0] + "." + negative + "." + p[2])).hasMessageContaining("non-negative");
    }
}
