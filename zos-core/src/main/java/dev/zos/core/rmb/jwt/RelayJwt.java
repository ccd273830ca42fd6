package dev.zos.core.rmb.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zos.core.ZosException;
import dev.zos.core.identity.TwinKey;
import dev.zos.core.rmb.PrefixedSignature;
import dev.zos.core.rmb.RmbException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The relay's JWT dialect: {@code base64url(header).base64url(claims).base64url(signature)}, no padding,
 * header {@code {"alg":"RS512","typ":"JWT"}} (a label only: rmb-rs writes {@code {"alg":"RS512"}}, the Go
 * peer adds {@code typ}; both are accepted), and the signature is the 65-byte prefixed ed25519 signature
 * of the ASCII {@code header.claims} text itself (not of a hash).
 */
public final class RelayJwt {
    public static final String ALG = "RS512";
    /** Longest token accepted: real ones are ~250 characters. */
    public static final int MAX_LENGTH = 4096;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String HEADER = ENCODER.encodeToString(
            "{\"alg\":\"RS512\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.US_ASCII));

    private RelayJwt() {
    }

    /** Encodes and signs the token with the twin's key. */
    public static String sign(RelayToken token, TwinKey key) {
        ObjectNode claims = JSON.createObjectNode();
        claims.put("sub", token.twin());
        claims.put("iat", token.issuedAt().getEpochSecond());
        claims.put("exp", token.expiresAt().getEpochSecond());
        token.sid().ifPresent(sid -> claims.put("sid", sid));
        String signingInput = HEADER + "." + ENCODER.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        var signature = PrefixedSignature.sign(key, signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + ENCODER.encodeToString(signature.encode());
    }

    /**
     * Reads a token's structure and claims without checking its signature or time; a relay uses the
     * claimed twin to find the public key, then calls {@link SignedRelayToken#verify}.
     *
     * @throws ZosException INVALID for anything malformed, naming the part
     */
    public static SignedRelayToken parse(String jwt) {
        if (jwt == null || jwt.isEmpty()) {
            throw ZosException.invalid("relay token is empty");
        }
        if (jwt.length() > MAX_LENGTH) {
            throw ZosException.invalid("relay token is longer than " + MAX_LENGTH + " characters");
        }
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            throw ZosException.invalid("relay token must have 3 dot-separated parts, got " + parts.length);
        }
        JsonNode header = json(decode(parts[0], "header"), "header");
        if (!ALG.equals(header.path("alg").asText(null))) {
            throw ZosException.invalid("relay token header alg must be \"" + ALG + "\", got " + header.get("alg"));
        }
        if (header.has("typ") && !"JWT".equals(header.get("typ").asText(null))) {
            throw ZosException.invalid("relay token header typ must be \"JWT\", got " + header.get("typ"));
        }
        JsonNode claims = json(decode(parts[1], "claims"), "claims");
        var token = new RelayToken(
                number(claims, "sub"),
                Instant.ofEpochSecond(number(claims, "iat")),
                Instant.ofEpochSecond(number(claims, "exp")),
                sid(claims));
        PrefixedSignature signature;
        try {
            signature = PrefixedSignature.decode(decode(parts[2], "signature"));
        } catch (RmbException e) {
            throw ZosException.invalid("relay token " + e.getMessage());
        }
        return new SignedRelayToken(token, parts[0] + "." + parts[1], signature);
    }

    private static byte[] decode(String part, String name) {
        if (part.isEmpty()) {
            throw ZosException.invalid("relay token " + name + " is empty");
        }
        if (part.indexOf('=') >= 0) {
            throw ZosException.invalid("relay token " + name + " must be base64url without padding");
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(part);
        } catch (IllegalArgumentException e) {
            throw ZosException.invalid("relay token " + name + " is not base64url");
        }
        // the JDK ignores unused low bits of the last character; refuse such aliases of a valid part
        if (!ENCODER.encodeToString(bytes).equals(part)) {
            throw ZosException.invalid("relay token " + name + " is not canonical base64url");
        }
        return bytes;
    }

    private static JsonNode json(byte[] bytes, String name) {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw ZosException.invalid("relay token " + name + " must be a JSON object");
            }
            return node;
        } catch (java.io.IOException e) {
            throw ZosException.invalid("relay token " + name + " is not JSON");
        }
    }

    private static long number(JsonNode claims, String name) {
        JsonNode node = claims.get(name);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
            throw ZosException.invalid("relay token claim " + name + " must be a non-negative integer, got " + node);
        }
        return node.asLong();
    }

    private static String sid(JsonNode claims) {
        JsonNode node = claims.get("sid");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ZosException.invalid("relay token claim sid must be a string, got " + node);
        }
        return node.asText();
    }
}
