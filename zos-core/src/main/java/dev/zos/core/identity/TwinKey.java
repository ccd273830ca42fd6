package dev.zos.core.identity;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A twin's ed25519 key pair, made from its 32-byte seed (the substrate "mini secret").
 * The seed never leaves this object except through {@link #seed()}, which callers use only to store it.
 */
public final class TwinKey {
    private final byte[] seed;
    private final byte[] publicKey;

    private TwinKey(byte[] seed) {
        this.seed = seed.clone();
        this.publicKey = Ed25519.publicKey(this.seed);
    }

    public static TwinKey fromSeed(byte[] seed) {
        if (seed == null || seed.length != Ed25519.SEED_LENGTH) {
            throw new IllegalArgumentException("a twin seed is 32 bytes");
        }
        return new TwinKey(seed);
    }

    /** The key of a mnemonic the substrate way, without a password. */
    public static TwinKey fromMnemonic(Mnemonic mnemonic) {
        return fromMnemonic(mnemonic, "");
    }

    public static TwinKey fromMnemonic(Mnemonic mnemonic, String password) {
        return new TwinKey(MiniSecret.fromMnemonic(mnemonic, password));
    }

    /** The key of a BIP-39 mnemonic phrase or of a {@code 0x}-prefixed 64-hex-digit seed. */
    public static TwinKey fromSecret(String mnemonicOrHexSeed) {
        return TwinSecret.parse(mnemonicOrHexSeed).key();
    }

    public byte[] seed() {
        return seed.clone();
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public String publicKeyHex() {
        return HexFormat.of().formatHex(publicKey);
    }

    /** The SS58 address of the public key with the generic substrate prefix 42. */
    public String ss58Address() {
        return Ss58.encode(publicKey);
    }

    public String ss58Address(int prefix) {
        return Ss58.encode(publicKey, prefix);
    }

    /** The raw 64-byte ed25519 signature of {@code message}. */
    public byte[] sign(byte[] message) {
        return Ed25519.sign(seed, message);
    }

    public boolean verify(byte[] message, byte[] signature) {
        return Ed25519.verify(publicKey, message, signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TwinKey other && Arrays.equals(publicKey, other.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    /** Never shows the seed. */
    @Override
    public String toString() {
        return "TwinKey[" + publicKeyHex() + "]";
    }
}
