package dev.zos.core.identity;

import dev.zos.core.ZosException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The substrate "mini secret": the 32-byte seed a twin's ed25519 key is made from.
 * Substrate runs PBKDF2 over the mnemonic's entropy, not over the phrase as plain BIP-39 does,
 * so a BIP-39 wallet seed and a substrate seed differ for the same words.
 */
public final class MiniSecret {
    public static final int LENGTH = Ed25519.SEED_LENGTH;

    private static final int ROUNDS = 2048;
    private static final int HEX_DIGITS = LENGTH * 2;

    private MiniSecret() {
    }

    /** The mini secret of {@code mnemonic}; {@code password} may be empty or null for none. */
    public static byte[] fromMnemonic(Mnemonic mnemonic, String password) {
        return fromEntropy(mnemonic.entropy(), password);
    }

    /** The first 32 bytes of {@link #seedFromEntropy}. */
    public static byte[] fromEntropy(byte[] entropy, String password) {
        byte[] seed = seedFromEntropy(entropy, password);
        byte[] mini = new byte[LENGTH];
        System.arraycopy(seed, 0, mini, 0, LENGTH);
        Arrays.fill(seed, (byte) 0);
        return mini;
    }

    /** PBKDF2-HMAC-SHA512(entropy, "mnemonic" + password, 2048 rounds), 64 bytes. */
    public static byte[] seedFromEntropy(byte[] entropy, String password) {
        if (entropy == null || entropy.length < 16 || entropy.length > 32 || entropy.length % 4 != 0) {
            throw ZosException.invalid("mnemonic entropy is " + (entropy == null ? "missing" : entropy.length + " bytes")
                    + "; BIP-39 entropy is 16, 20, 24, 28 or 32 bytes");
        }
        // Substrate uses the password's UTF-8 bytes as they are, without BIP-39's NFKD step.
        byte[] salt = ("mnemonic" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8);
        return pbkdf2HmacSha512(entropy, salt);
    }

    /**
     * PBKDF2 (RFC 8018) for exactly one 64-byte block, which is all substrate takes. Written out over the
     * JDK's HMAC because the JDK's PBKDF2 only accepts text passwords, and entropy bytes are not text.
     */
    private static byte[] pbkdf2HmacSha512(byte[] password, byte[] salt) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA512");
            hmac.init(new SecretKeySpec(password, "HmacSHA512"));
            hmac.update(salt);
            byte[] u = hmac.doFinal(new byte[] {0, 0, 0, 1});
            byte[] result = u.clone();
            for (int round = 1; round < ROUNDS; round++) {
                u = hmac.doFinal(u);
                for (int i = 0; i < result.length; i++) {
                    result[i] ^= u[i];
                }
            }
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA512", e);
        }
    }

    /** Reads a seed written as {@code 0x} followed by 64 hex digits (either case). */
    public static byte[] parseHex(String text) {
        String hex = text == null ? "" : text.strip();
        if (!hex.startsWith("0x") && !hex.startsWith("0X")) {
            throw ZosException.invalid("seed must start with 0x followed by " + HEX_DIGITS + " hex digits");
        }
        hex = hex.substring(2);
        if (hex.length() != HEX_DIGITS) {
            throw ZosException.invalid("seed has " + hex.length() + " hex digits after 0x; a seed has exactly "
                    + HEX_DIGITS + " (32 bytes)");
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                // The message names the position only: the seed itself must not reach logs.
                throw ZosException.invalid("seed has a non-hex character at position " + (i + 3)
                        + "; use only 0-9 and a-f after 0x");
            }
        }
        return HexFormat.of().parseHex(hex);
    }

    /** {@code 0x} and 64 lowercase hex digits, the form substrate tools print. */
    public static String toHex(byte[] seed) {
        if (seed == null || seed.length != LENGTH) {
            throw ZosException.invalid("seed must be " + LENGTH + " bytes");
        }
        return "0x" + HexFormat.of().formatHex(seed);
    }
}
