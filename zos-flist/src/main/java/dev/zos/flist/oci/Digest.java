package dev.zos.flist.oci;

import dev.zos.core.ZosException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * An OCI content digest {@code algorithm:hex} (sha256 or sha512). Parsing checks the hex length, so a digest
 * can safely name a file under {@code blobs/}.
 */
public record Digest(String algorithm, String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    public Digest {
        int want = switch (algorithm) {
            case "sha256" -> 64;
            case "sha512" -> 128;
            default -> throw ZosException.invalid("unsupported digest algorithm '" + algorithm
                    + "': supported are sha256, sha512");
        };
        if (hex.length() != want || !HEX.matcher(hex).matches()) {
            throw ZosException.invalid("malformed " + algorithm + " digest '" + hex + "': expected " + want
                    + " lowercase hex digits");
        }
    }

    /** Parses {@code sha256:<64 hex>}; {@code what} names the field in the error. */
    public static Digest parse(String text, String what) {
        if (text == null || text.isEmpty()) {
            throw ZosException.invalid(what + " has no digest");
        }
        int i = text.indexOf(':');
        if (i <= 0) {
            throw ZosException.invalid(what + " has a malformed digest '" + text + "': expected algorithm:hex");
        }
        try {
            return new Digest(text.substring(0, i), text.substring(i + 1));
        } catch (ZosException e) {
            throw ZosException.invalid(what + ": " + e.getMessage());
        }
    }

    /** The path of this blob in an OCI image layout. */
    public String blobPath() {
        return "blobs/" + algorithm + "/" + hex;
    }

    public MessageDigest newHasher() {
        try {
            return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
