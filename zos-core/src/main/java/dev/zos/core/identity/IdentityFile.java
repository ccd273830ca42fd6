package dev.zos.core.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zos.core.ZosException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One identity as stored in {@code identities/<name>.json}: the public identity plus its secret.
 * The file names its format and version so that a later zos can read or refuse it knowingly.
 */
record IdentityFile(Identity identity, TwinSecret secret) {
    static final String FORMAT = "zos-identity";
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    IdentityFile {
        if (!identity.publicKey().equals(secret.key().publicKeyHex()) || identity.source() != secret.kind()) {
            throw new IllegalArgumentException("identity and secret describe different keys");
        }
    }

    static IdentityFile of(String name, TwinSecret secret, Instant created) {
        return new IdentityFile(Identity.of(name, secret.key(), secret.kind(), created), secret);
    }

    byte[] toJson() {
        ObjectNode node = JSON.createObjectNode()
                .put("format", FORMAT)
                .put("version", VERSION)
                .put("name", identity.name())
                .put("source", identity.source().label())
                .put("secret", secret.reveal())
                .put("publicKey", identity.publicKey())
                .put("ss58", identity.ss58())
                .put("created", identity.created().toString());
        try {
            return (JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of strings always serialises", e);
        }
    }

    /** Reads a file's bytes; every failure names {@code file} and says what to do. */
    static IdentityFile parse(Path file, byte[] bytes, String expectedName) {
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (java.io.IOException e) {
            throw corrupt(file, "is not valid JSON");
        }
        if (node == null || !node.isObject() || !FORMAT.equals(node.path("format").asText(null))) {
            throw corrupt(file, "is not a zos identity file (no \"format\": \"" + FORMAT + "\")");
        }
        JsonNode version = node.get("version");
        if (version == null || !version.isInt()) {
            throw corrupt(file, "has no format version");
        }
        if (version.intValue() != VERSION) {
            throw new ZosException(ZosException.Kind.INVALID, "identity file " + file + " has format version "
                    + version.intValue() + " but this zos reads version " + VERSION + "; use a matching zos version");
        }
        String name = text(file, node, "name");
        if (!name.equals(expectedName)) {
            throw corrupt(file, "names identity \"" + name + "\" but is stored as \"" + expectedName + "\"");
        }
        SourceKind source;
        TwinSecret secret;
        Instant created;
        try {
            source = SourceKind.fromLabel(text(file, node, "source"));
        } catch (ZosException e) {
            throw corrupt(file, "has an unknown \"source\" (expected mnemonic or seed)");
        }
        try {
            secret = TwinSecret.parse(text(file, node, "secret"));
        } catch (ZosException e) {
            // The parse error may quote part of the secret, so it is not passed on.
            throw corrupt(file, "has a \"secret\" that is not a valid mnemonic or 0x seed");
        }
        try {
            created = Instant.parse(text(file, node, "created"));
        } catch (DateTimeParseException e) {
            throw corrupt(file, "has a \"created\" time that is not an ISO-8601 UTC instant");
        }
        if (secret.kind() != source) {
            throw corrupt(file, "says its source is " + source.label() + " but its secret is a " + secret.kind().label());
        }
        if (!secret.key().publicKeyHex().equals(text(file, node, "publicKey"))) {
            throw corrupt(file, "has a secret that does not match its publicKey");
        }
        return of(name, secret, created);
    }

    private static String text(Path file, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw corrupt(file, "has no text field \"" + field + "\"");
        }
        return value.textValue();
    }

    private static ZosException corrupt(Path file, String problem) {
        return ZosException.invalid("identity file " + file + " " + problem
                + "; restore it from a backup or delete it and import the identity again");
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "IdentityFile[" + identity + "]";
    }
}
