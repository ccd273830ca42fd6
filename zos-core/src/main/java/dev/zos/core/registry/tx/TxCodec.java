package dev.zos.core.registry.tx;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zos.core.ZosException;

import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;

/**
 * Encodes and parses transactions. Parsing is defensive: any malformed input, whatever its bytes, ends in a
 * {@link ZosException} of kind INVALID with one line saying what is wrong, never in another exception.
 */
public final class TxCodec {
    /** Largest accepted signed transaction on the wire. */
    public static final int MAX_BYTES = 64 * 1024;

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(MAX_BYTES).maxNumberLength(32).build());
    }

    private static final Set<String> TX_FIELDS = Set.of("body", "nonce", "signer", "timestamp", "type");
    private static final Set<String> WIRE_FIELDS = Set.of("signature", "tx");

    private TxCodec() {
    }

    /** The tree the canonical bytes are written from. */
    static ObjectNode tree(Transaction tx) {
        var node = MAPPER.createObjectNode();
        node.put("signer", tx.signer());
        node.put("nonce", tx.nonce());
        node.put("timestamp", tx.timestamp());
        node.put("type", tx.type().wire());
        node.set("body", MAPPER.valueToTree(tx.body()));
        return node;
    }

    public static byte[] canonical(Transaction tx) {
        return CanonicalJson.write(tree(tx));
    }

    public static byte[] encode(SignedTransaction stx) {
        var node = MAPPER.createObjectNode();
        node.put("signature", HexFormat.of().formatHex(stx.signature()));
        node.set("tx", tree(stx.tx()));
        return CanonicalJson.write(node);
    }

    /** Parses a signed transaction in its wire form. */
    public static SignedTransaction parse(byte[] wire) {
        return guard(() -> {
            JsonNode root = readTree(wire);
            checkFields(root, WIRE_FIELDS, "signed transaction");
            JsonNode sig = root.get("signature");
            if (!sig.isTextual() || !sig.textValue().matches("^[0-9a-f]{128}$")) {
                throw ZosException.invalid("signature must be 64 bytes of lower-case hex");
            }
            return new SignedTransaction(transaction(root.get("tx")), HexFormat.of().parseHex(sig.textValue()));
        });
    }

    /** Parses the canonical bytes of a transaction (as stored in the log). */
    public static Transaction parseTransaction(byte[] bytes) {
        return guard(() -> transaction(readTree(bytes)));
    }

    private static JsonNode readTree(byte[] bytes) throws java.io.IOException {
        if (bytes == null || bytes.length == 0) {
            throw ZosException.invalid("empty transaction");
        }
        if (bytes.length > MAX_BYTES) {
            throw ZosException.invalid("transaction is larger than " + MAX_BYTES + " bytes");
        }
        JsonNode root = MAPPER.readTree(bytes);
        if (root == null || !root.isObject()) {
            throw ZosException.invalid("a transaction is a JSON object");
        }
        return root;
    }

    private static Transaction transaction(JsonNode node) throws JacksonException {
        if (node == null || !node.isObject()) {
            throw ZosException.invalid("tx must be a JSON object");
        }
        checkFields(node, TX_FIELDS, "tx");
        long signer = integer(node, "signer");
        long nonce = integer(node, "nonce");
        long timestamp = integer(node, "timestamp");
        JsonNode type = node.get("type");
        if (!type.isTextual()) {
            throw ZosException.invalid("tx.type must be a string");
        }
        TxType txType = TxType.of(type.textValue());
        JsonNode body = node.get("body");
        if (!body.isObject()) {
            throw ZosException.invalid("tx.body must be a JSON object");
        }
        TxBody parsed = MAPPER.treeToValue(body, txType.bodyType());
        return new Transaction(signer, nonce, timestamp, txType, parsed);
    }

    private static long integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw ZosException.invalid("tx." + field + " must be an integer");
        }
        return v.longValue();
    }

    private static void checkFields(JsonNode node, Set<String> expected, String what) {
        for (String f : expected) {
            if (!node.has(f)) {
                throw ZosException.invalid(what + " is missing field '" + f + "'");
            }
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!expected.contains(f)) {
                throw ZosException.invalid(what + " has unknown field '" + f + "'");
            }
        }
    }

    private interface Parse<T> {
        T run() throws Exception;
    }

    private static <T> T guard(Parse<T> parse) {
        try {
            return parse.run();
        } catch (ZosException e) {
            throw e.kind() == ZosException.Kind.INVALID ? e : ZosException.invalid(e.getMessage());
        } catch (Exception | StackOverflowError e) {
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof ZosException z) {
                    throw ZosException.invalid(z.getMessage());
                }
            }
            throw ZosException.invalid("malformed transaction: " + oneLine(e));
        }
    }

    private static String oneLine(Throwable e) {
        String m = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
        if (m == null) {
            m = e.getClass().getSimpleName();
        }
        m = m.replaceAll("\\s+", " ").strip();
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }
}
