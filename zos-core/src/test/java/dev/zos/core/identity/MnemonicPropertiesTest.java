package dev.zos.core.identity;

import dev.zos.core.ZosException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MnemonicPropertiesTest {

    @Provide
    Arbitrary<byte[]> entropy() {
        return Arbitraries.of(16, 20, 24, 28, 32)
                .flatMap(length -> Arbitraries.bytes().array(byte[].class).ofSize(length));
    }

    @Property(tries = 200)
    void entropyRoundTripsThroughWords(@ForAll("entropy") byte[] entropy) {
        var mnemonic = Mnemonic.fromEntropy(entropy);
        assertThat(mnemonic.wordCount()).isEqualTo(entropy.length * 3 / 4);
        assertThat(Mnemonic.parse(mnemonic.phrase()).entropy()).isEqualTo(entropy);
        assertThat(Mnemonic.parse(mnemonic.phrase().toUpperCase().replace(" ", "  \t"))).isEqualTo(mnemonic);
    }

    /** Swapping in another word always breaks the checksum or, rarely, gives other entropy: never the same key. */
    @Property(tries = 200)
    void changingOneWordNeverYieldsTheSameEntropy(@ForAll("entropy") byte[] entropy,
                                                  @ForAll int positionSeed, @ForAll int wordSeed) {
        var words = new ArrayList<>(Mnemonic.fromEntropy(entropy).words());
        int position = Math.floorMod(positionSeed, words.size());
        String replacement = Bip39WordList.english().word(Math.floorMod(wordSeed, 2048));
        if (replacement.equals(words.get(position))) {
            return;
        }
        words.set(position, replacement);
        String phrase = String.join(" ", words);
        try {
            assertThat(Mnemonic.parse(phrase).entropy()).isNotEqualTo(entropy);
        } catch (ZosException e) {
            assertThat(e).hasMessageContaining("checksum");
        }
    }

    @Property(tries = 50)
    void unknownWordsAreAlwaysNamed(@ForAll("entropy") byte[] entropy, @ForAll int positionSeed) {
        var words = new ArrayList<>(Mnemonic.fromEntropy(entropy).words());
        int position = Math.floorMod(positionSeed, words.size());
        words.set(position, "qqqq");
        assertThatThrownBy(() -> Mnemonic.parse(String.join(" ", words)))
                .hasMessageContaining("word " + (position + 1) + " \"qqqq\"");
    }
}
