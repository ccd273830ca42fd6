package dev.zos.core.identity;

import dev.zos.core.ZosException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Ss58Test {
    private static final HexFormat HEX = HexFormat.of();
    private static final String ALICE = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
    private static final String ALICE_KEY = "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";

    // polkadot-js/common packages/util-crypto/src/address/encode.spec.ts: ALICE_PUBLIC_SR re-encoded for
    // prefixes 42, 2 and 0, ALICE_PUBLIC_ED, and the "substrate default" subkey equality vector.
    @ParameterizedTest
    @CsvSource({
            ALICE_KEY + ",42," + ALICE,
            ALICE_KEY + ",2,HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F",
            ALICE_KEY + ",0,15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5",
            "d172a74cda4c865912c32ba0a80a57ae69abae410e5ccb59dee84e2f4432db4f,42,5GoKvZWG5ZPYL1WUovuHW3zJBWBP5eT8CbqjdRY4Q6iMaQua",
            "3050f8456519829fe03302da802d22d3233a5f4037b9a3e2bcc403ccfcb2d735,42,5DA4D4GL5iakrn22h5uKoevgvo18Pqj5BcdEUv8etEDPdijA",
    })
    void encodesAndDecodesPublishedAddresses(String keyHex, int prefix, String address) {
        assertThat(Ss58.encode(HEX.parseHex(keyHex), prefix)).isEqualTo(address);
        assertThat(Ss58.decode(address)).isEqualTo(new Ss58.Decoded(prefix, HEX.parseHex(keyHex)));
        assertThat(Ss58.decode(address, prefix)).isEqualTo(HEX.parseHex(keyHex));
    }

    @Test
    void defaultPrefixIsGenericSubstrate() {
        assertThat(Ss58.encode(HEX.parseHex(ALICE_KEY))).isEqualTo(ALICE);
    }

    /** Every single-character substitution of a real address is caught; deterministic, so never flaky. */
    @Test
    void everySingleCharacterTypoIsRejected() {
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        int rejected = 0;
        for (int i = 0; i < ALICE.length(); i++) {
            for (char c : alphabet.toCharArray()) {
                if (c == ALICE.charAt(i)) {
                    continue;
                }
                String typo = ALICE.substring(0, i) + c + ALICE.substring(i + 1);
                assertThatThrownBy(() -> Ss58.decode(typo)).as(typo).isInstanceOf(ZosException.class);
                rejected++;
            }
        }
        assertThat(rejected).isEqualTo(ALICE.length() * 57);
    }

    @Test
    void corruptedChecksumIsNamed() {
        String corrupted = ALICE.substring(0, ALICE.length() - 1) + "Z";
        assertThatThrownBy(() -> Ss58.decode(corrupted)).hasMessageContaining("checksum does not match");
    }

    @Test
    void malformedAddressesGetPreciseErrors() {
        assertThatThrownBy(() -> Ss58.decode("5Grwva0F5zXb")).hasMessageContaining("'0' at position 7");
        assertThatThrownBy(() -> Ss58.decode(ALICE.substring(0, 40))).hasMessageContaining("copied whole");
        assertThatThrownBy(() -> Ss58.decode("")).hasMessageContaining("SS58 address is empty");
        assertThatThrownBy(() -> Ss58.decode(ALICE, 0)).hasMessageContaining("network prefix 42, not 0");
        // polkadot-js encode.spec.ts: the same key with two-byte prefix 255.
        assertThatThrownBy(() -> Ss58.decode("yGHU8YKprxHbHdEv7oUK4rzMZXtsdhcXVG2CAMyC9WhzhjH2k"))
                .hasMessageContaining("two-byte");
    }

    @Test
    void encodeRejectsBadInput() {
        assertThatThrownBy(() -> Ss58.encode(new byte[31])).hasMessageContaining("31 bytes");
        assertThatThrownBy(() -> Ss58.encode(new byte[32], 64)).hasMessageContaining("prefix 64");
        assertThatThrownBy(() -> Ss58.encode(new byte[32], -1)).hasMessageContaining("prefix -1");
    }

    // Base58 vectors from bitcoin/bitcoin src/test/data/base58_encode_decode.json.
    @ParameterizedTest
    @CsvSource({
            "'',''",
            "61,2g",
            "626262,a3gV",
            "636363,aPEr",
            "73696d706c792061206c6f6e6720737472696e67,2cFupjhnEsSn59qHXstmK2ffpLv2",
            "00eb15231dfceb60925886b67d065299925915aeb172c06647,1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L",
            "516b6fcd0f,ABnLTmg",
            "bf4f89001e670274dd,3SEo3LWLoPntC",
            "572e4794,3EFU7m",
            "ecac89cad93923c02321,EJDM8drfXA6uyA",
            "10c8511e,Rt5zm",
            "00000000000000000000,1111111111",
    })
    void base58Vectors(String hex, String encoded) {
        assertThat(Base58.encode(HEX.parseHex(hex))).isEqualTo(encoded);
        assertThat(HEX.formatHex(Base58.decode(encoded, "test"))).isEqualTo(hex);
    }

    @Test
    void decodedValueHidesNothingSecretAndComparesByContent() {
        var decoded = Ss58.decode(ALICE);
        assertThat(decoded.toString()).contains(ALICE_KEY).contains("prefix=42");
        assertThat(decoded.hashCode()).isEqualTo(new Ss58.Decoded(42, HEX.parseHex(ALICE_KEY)).hashCode());
        assertThat(new String(decoded.publicKey(), StandardCharsets.ISO_8859_1)).hasSize(32);
    }
}
