package dev.zos.core.identity;

import dev.zos.core.ZosException;
import org.bouncycastle.crypto.digests.Blake2bDigest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * SS58 addresses for 32-byte public keys with single-byte network prefixes (0 to 63):
 * base58(prefix ‖ key ‖ first 2 bytes of BLAKE2b-512("SS58PRE" ‖ prefix ‖ key)).
 */
public final class Ss58 {
    /** The generic substrate prefix, which the grid uses. */
    public static final int DEFAULT_PREFIX = 42;

    private static final byte[] CONTEXT = "SS58PRE".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_LENGTH = Ed25519.PUBLIC_KEY_LENGTH;
    private static final int CHECKSUM_LENGTH = 2;
    private static final int ENCODED_LENGTH = 1 + KEY_LENGTH + CHECKSUM_LENGTH;

    private Ss58() {
    }

    /** A decoded address: its network prefix and 32-byte public key. */
    public record Decoded(int prefix, byte[] publicKey) {
        public Decoded {
            checkPrefix(prefix);
            checkKey(publicKey);
            publicKey = publicKey.clone();
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        public String publicKeyHex() {
            return HexFormat.of().formatHex(publicKey);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Decoded other && prefix == other.prefix && Arrays.equals(publicKey, other.publicKey);
        }

        @Override
        public int hashCode() {
            return 31 * prefix + Arrays.hashCode(publicKey);
        }

        @Override
        public String toString() {
            return "Ss58.Decoded[prefix=" + prefix + ", publicKey=" + publicKeyHex() + "]";
        }
    }

    public static String encode(byte[] publicKey) {
        return encode(publicKey, DEFAULT_PREFIX);
    }

    public static String encode(byte[] publicKey, int prefix) {
        checkPrefix(prefix);
        checkKey(publicKey);
        byte[] body = new byte[ENCODED_LENGTH];
        body[0] = (byte) prefix;
        System.arraycopy(publicKey, 0, body, 1, KEY_LENGTH);
        byte[] checksum = checksum(body);
        System.arraycopy(checksum, 0, body, 1 + KEY_LENGTH, CHECKSUM_LENGTH);
        return Base58.encode(body);
    }

    /** Decodes an address of any single-byte prefix, checking its checksum. */
    public static Decoded decode(String address) {
        if (address == null || address.isBlank()) {
            throw ZosException.invalid("SS58 address is empty; give an address such as 5Grwva…");
        }
        byte[] body = Base58.decode(address.strip(), "SS58 address");
        boolean twoBytePrefix = body.length == ENCODED_LENGTH + 1 && (body[0] & 0xc0) == 0x40;
        if (twoBytePrefix || body.length == ENCODED_LENGTH && (body[0] & 0xff) >= 64) {
            throw ZosException.invalid("SS58 address has a two-byte or reserved network prefix, which is not "
                    + "supported; use an address with a prefix from 0 to 63, such as 42");
        }
        if (body.length != ENCODED_LENGTH) {
            throw ZosException.invalid("SS58 address decodes to " + body.length + " bytes, not " + ENCODED_LENGTH
                    + " (prefix, 32-byte key, checksum); check that it was copied whole");
        }
        int prefix = body[0];
        byte[] expected = checksum(body);
        byte[] actual = Arrays.copyOfRange(body, 1 + KEY_LENGTH, ENCODED_LENGTH);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw ZosException.invalid("SS58 address checksum does not match; the address is mistyped or damaged");
        }
        return new Decoded(prefix, Arrays.copyOfRange(body, 1, 1 + KEY_LENGTH));
    }

    /** Decodes an address and requires its prefix to be {@code expectedPrefix}. */
    public static byte[] decode(String address, int expectedPrefix) {
        Decoded decoded = decode(address);
        if (decoded.prefix() != expectedPrefix) {
            throw ZosException.invalid("SS58 address is for network prefix " + decoded.prefix() + ", not "
                    + expectedPrefix + "; use an address of this network");
        }
        return decoded.publicKey();
    }

    private static byte[] checksum(byte[] body) {
        var blake = new Blake2bDigest(512);
        blake.update(CONTEXT, 0, CONTEXT.length);
        blake.update(body, 0, 1 + KEY_LENGTH);
        byte[] hash = new byte[64];
        blake.doFinal(hash, 0);
        return Arrays.copyOf(hash, CHECKSUM_LENGTH);
    }

    private static void checkPrefix(int prefix) {
        if (prefix < 0 || prefix > 63) {
            throw ZosException.invalid("SS58 prefix " + prefix + " is not supported; use 0 to 63 (42 is generic substrate)");
        }
    }

    private static void checkKey(byte[] publicKey) {
        if (publicKey == null || publicKey.length != KEY_LENGTH) {
            throw ZosException.invalid("public key is " + (publicKey == null ? "missing" : publicKey.length + " bytes")
                    + "; an SS58 account key is " + KEY_LENGTH + " bytes");
        }
    }
}
