package dev.zos.core.identity;

import dev.zos.core.ZosException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A BIP-39 English mnemonic: 12 to 24 words that encode 16 to 32 bytes of entropy plus a checksum.
 * The entropy, not the phrase, is what substrate turns into a key (see {@link MiniSecret}).
 * {@link #toString()} never shows the words.
 */
public final class Mnemonic {
    /** Every word count BIP-39 defines. */
    public static final List<Integer> WORD_COUNTS = List.of(12, 15, 18, 21, 24);

    private static final int BITS_PER_WORD = 11;
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\h]+");

    private final List<String> words;
    private final byte[] entropy;

    private Mnemonic(List<String> words, byte[] entropy) {
        this.words = List.copyOf(words);
        this.entropy = entropy.clone();
    }

    /** A new mnemonic of {@code wordCount} words from the system's strong random source. */
    public static Mnemonic generate(int wordCount) {
        return generate(wordCount, new SecureRandom());
    }

    public static Mnemonic generate(int wordCount, SecureRandom random) {
        checkWordCount(wordCount);
        byte[] entropy = new byte[entropyLength(wordCount)];
        random.nextBytes(entropy);
        return fromEntropy(entropy);
    }

    /** The mnemonic for {@code entropy}, which must be 16, 20, 24, 28 or 32 bytes. */
    public static Mnemonic fromEntropy(byte[] entropy) {
        if (entropy == null || entropy.length < 16 || entropy.length > 32 || entropy.length % 4 != 0) {
            throw ZosException.invalid("mnemonic entropy is " + (entropy == null ? "missing" : entropy.length + " bytes")
                    + "; BIP-39 entropy is 16, 20, 24, 28 or 32 bytes");
        }
        byte[] checksum = sha256(entropy);
        int entropyBits = entropy.length * 8;
        int wordCount = (entropyBits + entropyBits / 32) / BITS_PER_WORD;
        var list = Bip39WordList.english();
        List<String> words = new ArrayList<>(wordCount);
        for (int w = 0; w < wordCount; w++) {
            int index = 0;
            for (int b = w * BITS_PER_WORD; b < (w + 1) * BITS_PER_WORD; b++) {
                int bit = b < entropyBits ? bitAt(entropy, b) : bitAt(checksum, b - entropyBits);
                index = (index << 1) | bit;
            }
            words.add(list.word(index));
        }
        return new Mnemonic(words, entropy);
    }

    /**
     * Reads a phrase typed or pasted by a person: any whitespace between words, any letter case.
     * Rejects unknown words (naming the word and its position), wrong word counts and bad checksums.
     */
    public static Mnemonic parse(String phrase) {
        if (phrase == null || SEPARATORS.matcher(phrase).replaceAll("").isEmpty()) {
            throw ZosException.invalid("mnemonic is empty; give the 12 to 24 words of a BIP-39 English mnemonic");
        }
        // Pasted phrases carry non-breaking and ideographic spaces, which \s alone does not match.
        List<String> words = List.of(SEPARATORS.matcher(phrase).replaceAll(" ").strip()
                .toLowerCase(Locale.ROOT).split(" "));
        if (!WORD_COUNTS.contains(words.size())) {
            throw ZosException.invalid("mnemonic has " + words.size() + " words; a BIP-39 mnemonic has "
                    + "12, 15, 18, 21 or 24 words");
        }
        var list = Bip39WordList.english();
        int totalBits = words.size() * BITS_PER_WORD;
        int entropyBits = totalBits * 32 / 33;
        byte[] bits = new byte[(totalBits + 7) / 8];
        for (int w = 0; w < words.size(); w++) {
            int index = list.indexOf(words.get(w));
            if (index < 0) {
                throw unknownWord(words.get(w), w + 1, list.suggestionFor(words.get(w)));
            }
            for (int i = 0; i < BITS_PER_WORD; i++) {
                if ((index >> (BITS_PER_WORD - 1 - i) & 1) == 1) {
                    int b = w * BITS_PER_WORD + i;
                    bits[b / 8] |= (byte) (0x80 >>> (b % 8));
                }
            }
        }
        byte[] entropy = Arrays.copyOf(bits, entropyBits / 8);
        byte[] checksum = sha256(entropy);
        for (int b = 0; b < totalBits - entropyBits; b++) {
            if (bitAt(bits, entropyBits + b) != bitAt(checksum, b)) {
                throw ZosException.invalid("mnemonic checksum does not match: a word is wrong or words are "
                        + "out of order; check the phrase against your backup");
            }
        }
        return new Mnemonic(words, entropy);
    }

    public byte[] entropy() {
        return entropy.clone();
    }

    public List<String> words() {
        return words;
    }

    public int wordCount() {
        return words.size();
    }

    /** The words separated by single spaces: the form to store and to show a person for their backup. */
    public String phrase() {
        return String.join(" ", words);
    }

    static void checkWordCount(int wordCount) {
        if (!WORD_COUNTS.contains(wordCount)) {
            throw ZosException.invalid("mnemonic word count " + wordCount + " is not allowed; use 12, 15, 18, 21 or 24");
        }
    }

    private static int entropyLength(int wordCount) {
        return wordCount * BITS_PER_WORD * 32 / 33 / 8;
    }

    private static ZosException unknownWord(String word, int position, String suggestion) {
        return ZosException.invalid("mnemonic word " + position + " \"" + word + "\" is not in the BIP-39 English "
                + "word list; " + (suggestion == null ? "check its spelling" : "did you mean \"" + suggestion + "\"?"));
    }

    private static int bitAt(byte[] bytes, int bit) {
        return (bytes[bit / 8] >> (7 - bit % 8)) & 1;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mnemonic other && MessageDigest.isEqual(entropy, other.entropy);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(entropy);
    }

    /** Never shows the words: a mnemonic is the whole secret. */
    @Override
    public String toString() {
        return "Mnemonic[" + words.size() + " words]";
    }
}
