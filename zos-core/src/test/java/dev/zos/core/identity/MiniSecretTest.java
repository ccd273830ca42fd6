package dev.zos.core.identity;

import dev.zos.core.ZosException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MiniSecretTest {
    private static final String SEED = "0xfac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e";

    @Test
    void parsesAndRendersHexSeeds() {
        assertThat(MiniSecret.toHex(MiniSecret.parseHex(SEED))).isEqualTo(SEED);
        assertThat(MiniSecret.toHex(MiniSecret.parseHex("  " + SEED.toUpperCase().replace("0X", "0x") + "\n")))
                .isEqualTo(SEED);
    }

    @Test
    void passwordChangesTheSecret() {
        var mnemonic = Mnemonic.parse("bottom drive obey lake curtain smoke basket hold race lonely fit walk");
        assertThat(MiniSecret.fromMnemonic(mnemonic, "Substrate")).isNotEqualTo(MiniSecret.fromMnemonic(mnemonic, ""));
        assertThat(MiniSecret.fromMnemonic(mnemonic, null)).isEqualTo(MiniSecret.fromMnemonic(mnemonic, ""));
    }

    @Test
    void seedWithoutPrefixIsRejected() {
        assertThatThrownBy(() -> MiniSecret.parseHex(SEED.substring(2)))
                .isInstanceOf(ZosException.class)
                .hasMessage("seed must start with 0x followed by 64 hex digits");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 62, 63, 65, 128})
    void seedOfWrongLengthIsRejected(int digits) {
        String seed = "0x" + "a".repeat(digits);
        assertThatThrownBy(() -> MiniSecret.parseHex(seed))
                .hasMessage("seed has " + digits + " hex digits after 0x; a seed has exactly 64 (32 bytes)");
    }

    @Test
    void badHexIsNamedByPositionWithoutEchoingTheSeed() {
        String bad = SEED.substring(0, 10) + "g" + SEED.substring(11);
        assertThatThrownBy(() -> MiniSecret.parseHex(bad))
                .hasMessage("seed has a non-hex character at position 11; use only 0-9 and a-f after 0x")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SEED.substring(2, 10)));
    }

    @Test
    void entropyOfWrongLengthIsRejected() {
        assertThatThrownBy(() -> MiniSecret.fromEntropy(new byte[15], "")).hasMessageContaining("15 bytes");
        assertThatThrownBy(() -> MiniSecret.fromEntropy(null, "")).hasMessageContaining("missing");
    }

    @Test
    void twinSecretDetectsItsKind() {
        assertThat(TwinSecret.parse(SEED).kind()).isEqualTo(SourceKind.SEED);
        var fromPhrase = TwinSecret.parse("Bottom drive obey lake curtain smoke basket hold race lonely fit walk");
        assertThat(fromPhrase.kind()).isEqualTo(SourceKind.MNEMONIC);
        assertThat(fromPhrase.reveal()).isEqualTo("bottom drive obey lake curtain smoke basket hold race lonely fit walk");
        assertThat(fromPhrase.key()).isEqualTo(TwinSecret.parse(SEED).key());
        assertThat(fromPhrase.toString()).doesNotContain("bottom").doesNotContain("fac7959d");
        assertThatThrownBy(() -> TwinSecret.parse(" ")).hasMessageContaining("secret is empty");
        assertThatThrownBy(() -> TwinSecret.parse("0x1234")).hasMessageContaining("4 hex digits");
    }
}
