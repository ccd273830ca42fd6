package dev.zos.flist.hub;

import dev.zos.core.ZosException;
import dev.zos.core.identity.Ed25519;
import dev.zos.core.identity.TwinKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The hub's signed-request scheme (docs/formats/hub.md): a write carries the signing twin's id, a UTC
 * timestamp, a random nonce and an ed25519 signature over {@link #message}, which binds the method, the raw
 * request path, the timestamp, the nonce and the SHA-256 of the body. The hub accepts a timestamp within
 * {@link #MAX_SKEW} of its own clock and each (twin, nonce) once, so identical requests stay distinct.
 */
public final class HubAuth {
    public static final String TWIN_HEADER = "X-Zos-Twin";
    public static final String TIMESTAMP_HEADER = "X-Zos-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Zos-Signature";
    public static final String NONCE_HEADER = "X-Zos-Nonce";
    /** How far a request's timestamp may be from the hub's clock, either way. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);
    /** Domain separation: a hub signature can never be mistaken for another kind of zos signature. */
    static final String DOMAIN = "zos-hub-request-v1";

    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private HubAuth() {
    }

    /** The signed bytes: {@code zos-hub-request-v1\nMETHOD\nPATH\nTIMESTAMP\nNONCE\nhex(sha256(body))}. */
    public static byte[] message(String method, String rawPath, long timestamp, String nonce, byte[] bodySha256) {
        if (bodySha256 == null || bodySha256.length != 32) {
            throw new IllegalArgumentException("body digest must be 32 bytes");
        }
        requireNonce(nonce);
        String text = DOMAIN + "\n" + method.toUpperCase(Locale.ROOT) + "\n" + rawPath + "\n" + timestamp + "\n"
                + nonce + "\n" + HEX.formatHex(bodySha256);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A fresh nonce: 16 random bytes as 32 hex digits. */
    public static String newNonce() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HEX.formatHex(b);
    }

    /** A nonce is 16 to 64 lowercase hex digits. */
    public static String requireNonce(String nonce) {
        if (nonce == null || !nonce.matches("^[0-9a-f]{16,64}$")) {
            throw ZosException.invalid(NONCE_HEADER + " must be 16 to 64 lowercase hex digits");
        }
        return nonce;
    }

    /** The headers that sign one request as {@code twinId}, with a fresh nonce. */
    public static Map<String, String> headers(TwinKey key, long twinId, String method, String rawPath, long timestamp,
                                              byte[] bodySha256) {
        return headers(key, twinId, method, rawPath, timestamp, newNonce(), bodySha256);
    }

    public static Map<String, String> headers(TwinKey key, long twinId, String method, String rawPath, long timestamp,
                                              String nonce, byte[] bodySha256) {
        byte[] signature = key.sign(message(method, rawPath, timestamp, nonce, bodySha256));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(TWIN_HEADER, Long.toString(twinId));
        headers.put(TIMESTAMP_HEADER, Long.toString(timestamp));
        headers.put(NONCE_HEADER, nonce);
        headers.put(SIGNATURE_HEADER, HEX.formatHex(signature));
        return headers;
    }

    /** Whether {@code signatureHex} is {@code publicKey}'s signature of the request. */
    public static boolean verify(byte[] publicKey, String signatureHex, String method, String rawPath, long timestamp,
                                 String nonce, byte[] bodySha256) {
        byte[] signature = parseSignature(signatureHex);
        return Ed25519.verify(publicKey, message(method, rawPath, timestamp, nonce, bodySha256), signature);
    }

    /** A signature header value: 128 hex digits. */
    public static byte[] parseSignature(String signatureHex) {
        if (signatureHex == null || !signatureHex.matches("^[0-9a-fA-F]{128}$")) {
            throw ZosException.invalid(SIGNATURE_HEADER + " must be 128 hex digits (an ed25519 signature)");
        }
        return HEX.parseHex(signatureHex.toLowerCase(Locale.ROOT));
    }

    public static byte[] sha256(byte[] data) {
        MessageDigest md = sha256();
        return md.digest(data);
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
