package dev.zos.core.identity;

import dev.zos.core.ZosException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.SecureRandom;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MnemonicTest {
    private static final HexFormat HEX = HexFormat.of();

    // Phrase/entropy pairs from the Trezor BIP-39 vectors (trezor/python-mnemonic vectors.json),
    // as repeated in paritytech/substrate-bip39 src/lib.rs VECTORS.
    @ParameterizedTest
    @CsvSource({
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about,"
                    + "00000000000000000000000000000000",
            "legal winner thank year wave sausage worth useful legal winner thank yellow,"
                    + "7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f",
            "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo when,"
                    + "ffffffffffffffffffffffffffffffffffffffffffffffff",
            "gravity machine north sort system female filter attitude volume fold club stay feature office ecology"
                    + " stable narrow fog,6610b25967cdcca9d59875f5cb50b0ea75433311869e930b",
            "hamster diagram private dutch cause delay private meat slide toddler razor book happy fancy gospel tennis"
                    + " maple dilemma loan word shrug inflict delay length,"
                    + "68a79eaca2324873eacc50cb9c6eca8cc68ea5d936f98787c60c7ebc74e6ce7c",
    })
    void phraseAndEntropyMatchPublishedVectors(String phrase, String entropyHex) {
        assertThat(HEX.formatHex(Mnemonic.parse(phrase).entropy())).isEqualTo(entropyHex);
        assertThat(Mnemonic.fromEntropy(HEX.parseHex(entropyHex)).phrase()).isEqualTo(phrase);
    }

    @Test
    void parseNormalisesWhitespaceAndCase() {
        var mnemonic = Mnemonic.parse("  Legal WINNER thank\tyear\nwave sausage  worth useful legal winner thank yellow \n");
        assertThat(mnemonic.phrase()).isEqualTo("legal winner thank year wave sausage worth useful legal winner thank yellow");
        assertThat(mnemonic.wordCount()).isEqualTo(12);
        var pasted = Mnemonic.parse("\u00a0legal\u00a0winner thank\u3000year wave sausage worth useful legal winner thank yellow");
        assertThat(pasted).isEqualTo(mnemonic);
    }

    @ParameterizedTest
    @ValueSource(ints = {12, 15, 18, 21, 24})
    void generatesEveryBip39Length(int words) {
        var mnemonic = Mnemonic.generate(words);
        assertThat(mnemonic.wordCount()).isEqualTo(words);
        assertThat(mnemonic.entropy()).hasSize(words * 11 * 32 / 33 / 8);
        assertThat(Mnemonic.parse(mnemonic.phrase())).isEqualTo(mnemonic);
    }

    @Test
    void generatedMnemonicsDiffer() {
        var random = new SecureRandom();
        assertThat(Mnemonic.generate(12, random)).isNotEqualTo(Mnemonic.generate(12, random));
    }

    @Test
    void unknownWordIsNamedWithItsPosition() {
        assertThatThrownBy(() -> Mnemonic.parse("legal winner thank year wave sausage worth useful legal winner thonk yellow"))
                .isInstanceOf(ZosException.class)
                .hasMessageContaining("word 11 \"thonk\"")
                .hasMessageContaining("not in the BIP-39 English word list")
                .satisfies(e -> assertThat(((ZosException) e).kind()).isEqualTo(ZosException.Kind.INVALID));
    }

    @Test
    void unknownWordWithAKnownPrefixGetsASuggestion() {
        assertThatThrownBy(() -> Mnemonic.parse("abandon abandn abandon abandon abandon abandon abandon abandon "
                + "abandon abandon abandon about"))
                .hasMessageContaining("word 2 \"abandn\"")
                .hasMessageContaining("did you mean \"abandon\"?");
    }

    @Test
    void badChecksumIsRejected() {
        assertThatThrownBy(() -> Mnemonic.parse("abandon ".repeat(12)))
                .isInstanceOf(ZosException.class)
                .hasMessageContaining("checksum does not match");
        assertThatThrownBy(() -> Mnemonic.parse("legal winner thank year wave sausage worth useful legal winner yellow thank"))
                .hasMessageContaining("checksum does not match");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 11, 13, 23, 25})
    void wrongWordCountListsTheAcceptedCounts(int count) {
        assertThatThrownBy(() -> Mnemonic.parse("abandon ".repeat(count)))
                .isInstanceOf(ZosException.class)
                .hasMessage("mnemonic has " + count + " words; a BIP-39 mnemonic has 12, 15, 18, 21 or 24 words");
    }

    @Test
    void emptyPhraseIsRejected() {
        assertThatThrownBy(() -> Mnemonic.parse("  \n")).hasMessageContaining("mnemonic is empty");
        assertThatThrownBy(() -> Mnemonic.parse(null)).hasMessageContaining("mnemonic is empty");
    }

    @Test
    void generateRejectsOtherCounts() {
        assertThatThrownBy(() -> Mnemonic.generate(13)).hasMessageContaining("use 12, 15, 18, 21 or 24");
    }

    @Test
    void entropyOfWrongLengthIsRejected() {
        assertThatThrownBy(() -> Mnemonic.fromEntropy(new byte[17])).hasMessageContaining("17 bytes");
        assertThatThrownBy(() -> Mnemonic.fromEntropy(new byte[36])).hasMessageContaining("36 bytes");
    }

    @Test
    void toStringNeverShowsTheWords() {
        var mnemonic = Mnemonic.parse("legal winner thank year wave sausage worth useful legal winner thank yellow");
        assertThat(mnemonic.toString()).isEqualTo("Mnemonic[12 words]");
    }

    @Test
    void bundledWordListIsTheOfficialOne() {
        var list = Bip39WordList.english();
        assertThat(list.words()).hasSize(2048).isSorted().doesNotHaveDuplicates();
        assertThat(list.word(0)).isEqualTo("abandon");
        assertThat(list.word(2047)).isEqualTo("zoo");
        assertThat(list.indexOf("zoo")).isEqualTo(2047);
        assertThat(list.indexOf("bitcoin")).isEqualTo(-1);
    }
}
