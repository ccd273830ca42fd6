package dev.zos.core.rmb.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.rmb.RmbException;
import dev.zos.core.rmb.TestTwins;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class E2eCipherTest {
    private final E2eKey alice = E2eKey.fromSeed(TestTwins.key(1).seed());
    private final E2eKey bob = E2eKey.fromSeed(TestTwins.key(2).seed());
    private final byte[] message = "{\"contract_id\":5}".getBytes(StandardCharsets.UTF_8);

    @Test
    void publicKeyIsCompressedAndDerivedFromTheSeed() {
        assertThat(alice.publicKey()).hasSize(33);
        assertThat(alice.publicKey()[0]).isIn((byte) 2, (byte) 3);
        assertThat(E2eKey.fromSeed(TestTwins.key(1).seed())).isEqualTo(alice);
    }

    @Test
    void knownKeyFromSeedOne() {
        // secp256k1 with private scalar 1 has the generator as public key
        byte[] seed = new byte[32];
        seed[31] = 1;
        assertThat(HexFormat.of().formatHex(E2eKey.fromSeed(seed).publicKey()))
                .isEqualTo("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
    }

    @Test
    void roundTripBetweenTwoTwins() {
        byte[] cipher = new E2eCipher(alice).encrypt(message, bob.publicKey());
        assertThat(cipher).hasSize(12 + message.length + 16);
        assertThat(new E2eCipher(bob).decrypt(cipher, alice.publicKey())).isEqualTo(message);
        assertThat(new E2eCipher(alice).encrypt(message, bob.publicKey())).isNotEqualTo(cipher); // fresh nonce
    }

    @Test
    void tamperedCipherFailsWithCode106() {
        byte[] cipher = new E2eCipher(alice).encrypt(message, bob.publicKey());
        for (int i : new int[] {0, 12, cipher.length - 1}) {
            byte[] bad = cipher.clone();
            bad[i] ^= 1;
            assertThatThrownBy(() -> new E2eCipher(bob).decrypt(bad, alice.publicKey()))
                    .isInstanceOf(RmbException.class).hasMessageContaining("altered")
                    .satisfies(e -> assertThat(((RmbException) e).code()).isEqualTo(106));
        }
    }

    @Test
    void wrongKeysAndShortInputFail() {
        byte[] cipher = new E2eCipher(alice).encrypt(message, bob.publicKey());
        var carol = E2eKey.fromSeed(TestTwins.key(3).seed());
        assertThatThrownBy(() -> new E2eCipher(carol).decrypt(cipher, alice.publicKey())).isInstanceOf(RmbException.class);
        assertThatThrownBy(() -> new E2eCipher(bob).decrypt(new byte[27], alice.publicKey()))
                .hasMessageContaining("shorter than nonce + tag");
        assertThatThrownBy(() -> new E2eCipher(bob).decrypt(cipher, new byte[32])).hasMessageContaining("must be 33 bytes");
        byte[] notOnCurve = new byte[33];
        notOnCurve[0] = 2;
        java.util.Arrays.fill(notOnCurve, 1, 33, (byte) 0xff);
        assertThatThrownBy(() -> new E2eCipher(bob).decrypt(cipher, notOnCurve)).hasMessageContaining("not a secp256k1 point");
    }
}
