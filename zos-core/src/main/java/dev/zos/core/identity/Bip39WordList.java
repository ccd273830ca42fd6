package dev.zos.core.identity;

import dev.zos.core.ZosException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The official BIP-39 English word list, bundled as a resource and checked against its published
 * SHA-256 at load: a single altered word would silently change every key derived from a mnemonic.
 */
final class Bip39WordList {
    static final String RESOURCE = "bip39-english.txt";
    static final String SHA256 = "2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda";
    static final int SIZE = 2048;

    private static final class Holder {
        static final Bip39WordList ENGLISH = load();
    }

    private final List<String> words;
    private final Map<String, Integer> indexes;
    private final Map<String, String> byPrefix;

    private Bip39WordList(List<String> words) {
        this.words = List.copyOf(words);
        this.indexes = new HashMap<>(SIZE * 2);
        this.byPrefix = new HashMap<>(SIZE * 2);
        for (int i = 0; i < words.size(); i++) {
            indexes.put(words.get(i), i);
            byPrefix.put(prefix(words.get(i)), words.get(i));
        }
    }

    static Bip39WordList english() {
        return Holder.ENGLISH;
    }

    String word(int index) {
        return words.get(index);
    }

    /** The word's index, or -1 if it is not in the list. */
    int indexOf(String word) {
        return indexes.getOrDefault(word, -1);
    }

    /** BIP-39 words are unique in their first four letters, so a typo past them still has one likely meaning. */
    String suggestionFor(String word) {
        return word.length() < 4 ? null : byPrefix.get(prefix(word));
    }

    List<String> words() {
        return words;
    }

    private static String prefix(String word) {
        return word.length() <= 4 ? word : word.substring(0, 4);
    }

    private static Bip39WordList load() {
        byte[] bytes;
        try (InputStream in = Bip39WordList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw damaged("is missing");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ZosException(ZosException.Kind.INTERNAL,
                    "cannot read the bundled BIP-39 word list: " + e.getMessage() + "; reinstall zos", e);
        }
        if (!SHA256.equals(sha256Hex(bytes))) {
            throw damaged("does not match its published SHA-256");
        }
        List<String> words = new String(bytes, StandardCharsets.US_ASCII).lines().toList();
        if (words.size() != SIZE) {
            throw damaged("has " + words.size() + " words instead of " + SIZE);
        }
        return new Bip39WordList(words);
    }

    private static ZosException damaged(String what) {
        return new ZosException(ZosException.Kind.INTERNAL,
                "the bundled BIP-39 English word list " + what + "; reinstall zos");
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
