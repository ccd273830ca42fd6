package dev.zos.flist.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import dev.zos.core.identity.TwinKey;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HubAuthTest {
    static final TwinKey KEY = TwinKey.fromSeed(new byte[32]);

    @Test
    void theSignedMessageIsTheDocumentedText() {
        byte[] empty = HubAuth.sha256(new byte[0]);
        String text = new String(HubAuth.message("put", "/api/flist/7/app.fl", 1_790_000_000L,
                "00112233445566778899aabbccddeeff", empty), StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("zos-hub-request-v1\nPUT\n/api/flist/7/app.fl\n1790000000\n"
                + "00112233445566778899aabbccddeeff\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThatThrownBy(() -> HubAuth.message("PUT", "/", 1, "short", empty)).isInstanceOf(ZosException.class);
    }

    @Test
    void headersVerifyOnlyForTheSameRequest() {
        byte[] body = HubAuth.sha256("flist".getBytes(StandardCharsets.UTF_8));
        Map<String, String> h = HubAuth.headers(KEY, 7, "PUT", "/api/flist/7/a.fl", 100, body);
        assertThat(h).containsEntry(HubAuth.TWIN_HEADER, "7").containsEntry(HubAuth.TIMESTAMP_HEADER, "100");
        String sig = h.get(HubAuth.SIGNATURE_HEADER);
        String n = h.get(HubAuth.NONCE_HEADER);
        assertThat(HubAuth.headers(KEY, 7, "PUT", "/api/flist/7/a.fl", 100, body).get(HubAuth.NONCE_HEADER)).isNotEqualTo(n);
        assertThat(HubAuth.verify(KEY.publicKey(), sig, "PUT", "/api/flist/7/a.fl", 100, HubAuth.newNonce(), body)).isFalse();
        assertThat(HubAuth.verify(KEY.publicKey(), sig, "PUT", "/api/flist/7/a.fl", 100, n, body)).isTrue();
        assertThat(HubAuth.verify(KEY.publicKey(), sig, "POST", "/api/flist/7/a.fl", 100, n, body)).isFalse();
        assertThat(HubAuth.verify(KEY.publicKey(), sig, "PUT", "/api/flist/7/b.fl", 100, n, body)).isFalse();
        assertThat(HubAuth.verify(KEY.publicKey(), sig, "PUT", "/api/flist/7/a.fl", 101, n, body)).isFalse();
        assertThat(HubAuth.verify(KEY.publicKey(), sig, "PUT", "/api/flist/7/a.fl", 100, n, new byte[32])).isFalse();
        assertThat(HubAuth.verify(TwinKey.fromSeed(HexFormat.of().parseHex("02".repeat(32))).publicKey(), sig, "PUT",
                "/api/flist/7/a.fl", 100, n, body)).isFalse();
        assertThatThrownBy(() -> HubAuth.parseSignature("abc")).isInstanceOf(ZosException.class);
    }

    @Test
    void namesThatCouldEscapeANamespaceAreRefused() {
        for (String bad : new String[] {"", ".", "..", "../x", "a/b", ".hidden", "a\\b", "x.md5", "a b", "é.fl",
                "a".repeat(129)}) {
            assertThat(HubNames.isName(bad)).as(bad).isFalse();
        }
        for (String good : new String[] {"app.fl", "zos-1.2.flist", "stable", "a_b-c.d"}) {
            assertThat(HubNames.isName(good)).as(good).isTrue();
        }
        assertThat(HubNames.flistName("app")).isEqualTo("app.fl");
        assertThat(HubNames.flistName("app.flist")).isEqualTo("app.flist");
        assertThat(HubNames.isUser("0")).isFalse();
        assertThat(HubNames.isUser("-1")).isFalse();
        assertThat(HubNames.isUser("42")).isTrue();
        assertThatThrownBy(() -> HubClient.parseUrl("ftp://x")).isInstanceOf(ZosException.class);
        assertThat(HubClient.parseUrl("http://h:1/").toString()).isEqualTo("http://h:1");
    }
}
