package dev.zos.core.identity;

import dev.zos.core.ZosException;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The secret a twin key is made from, as a person gives it: a BIP-39 mnemonic or a {@code 0x} hex seed.
 * Kept in its canonical text form so that storing and reloading it gives back the same key.
 * {@link #toString()} never shows the secret; {@link #reveal()} is the one explicit way out.
 */
public final class TwinSecret {
    private final SourceKind kind;
    private final String text;
    private final byte[] seed;

    private TwinSecret(SourceKind kind, String text, byte[] seed) {
        this.kind = kind;
        this.text = text;
        this.seed = seed;
    }

    /** A seed if the text starts with {@code 0x}, otherwise a mnemonic phrase (substrate has no password here). */
    public static TwinSecret parse(String mnemonicOrHexSeed) {
        if (mnemonicOrHexSeed == null || mnemonicOrHexSeed.isBlank()) {
            throw ZosException.invalid("secret is empty; give a BIP-39 mnemonic or a 0x-prefixed 64-hex-digit seed");
        }
        String text = mnemonicOrHexSeed.strip();
        if (text.regionMatches(true, 0, "0x", 0, 2)) {
            return ofSeed(MiniSecret.parseHex(text));
        }
        return of(Mnemonic.parse(text));
    }

    public static TwinSecret of(Mnemonic mnemonic) {
        return new TwinSecret(SourceKind.MNEMONIC, mnemonic.phrase(), MiniSecret.fromMnemonic(mnemonic, ""));
    }

    public static TwinSecret ofSeed(byte[] seed) {
        String hex = MiniSecret.toHex(seed);
        return new TwinSecret(SourceKind.SEED, hex, seed.clone());
    }

    public static TwinSecret generate(int wordCount) {
        return of(Mnemonic.generate(wordCount));
    }

    public SourceKind kind() {
        return kind;
    }

    public TwinKey key() {
        return TwinKey.fromSeed(seed);
    }

    /** The mnemonic phrase or {@code 0x} seed: only for storing it or for showing it when a person asks. */
    public String reveal() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TwinSecret other && kind == other.kind && MessageDigest.isEqual(seed, other.seed);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(seed);
    }

    @Override
    public String toString() {
        return "TwinSecret[" + kind.label() + ", " + key().publicKeyHex() + "]";
    }
}
