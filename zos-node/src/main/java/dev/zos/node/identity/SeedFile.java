package dev.zos.node.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zos.core.ZosException;
import dev.zos.core.files.AtomicFile;
import dev.zos.core.identity.Mnemonic;
import dev.zos.core.identity.TwinKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The node's identity seed on its data disk, in ThreeFold's identityd format ({@code pkg/versioned}): the version
 * as a JSON string, then the data with no separator. We write version {@code "1.0.0"} followed by the raw 32-byte
 * ed25519 seed (39 bytes in all), as identityd's {@code KeyPair.Save} does. We also read {@code "1.1.0"}
 * ({@code {"mnemonic": "..."}}, seed = the mnemonic's entropy) and a bare 32-byte seed with no version, as identityd does.
 * The file is created once (mode 0600, atomically: two starts racing cannot end with two identities) and reused.
 */
public final class SeedFile {
    public static final String VERSION_1 = "1.0.0";
    public static final String VERSION_11 = "1.1.0";
    private static final int SEED_LENGTH = 32;

    private SeedFile() {
    }

    /** The key read from {@code file}, and whether this call created it. */
    public record Loaded(TwinKey key, boolean created) {
    }

    /** Reads the seed, or creates a fresh random one when the file does not exist. */
    public static Loaded loadOrCreate(Path file, SecureRandom random) {
        try {
            if (!Files.exists(file)) {
                byte[] seed = new byte[SEED_LENGTH];
                random.nextBytes(seed);
                if (AtomicFile.createNew(file, encode(seed))) {
                    return new Loaded(TwinKey.fromSeed(seed), true);
                }
            }
            return new Loaded(load(file), false);
        } catch (IOException e) {
            throw ZosException.unavailable("cannot create the node identity seed " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads an existing seed file; INVALID naming the file when it is not a seed. */
    public static TwinKey load(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw ZosException.notFound("node identity seed " + file + " does not exist");
        } catch (IOException e) {
            throw ZosException.unavailable("cannot read the node identity seed " + file + ": " + e.getMessage(), e);
        }
        return TwinKey.fromSeed(decode(all, file.toString()));
    }

    /** {@code "1.0.0"} followed by the seed. */
    public static byte[] encode(byte[] seed) {
        if (seed.length != SEED_LENGTH) {
            throw new IllegalArgumentException("a seed is 32 bytes");
        }
        byte[] head = ("\"" + VERSION_1 + "\"").getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(head, head.length + SEED_LENGTH);
        System.arraycopy(seed, 0, out, head.length, SEED_LENGTH);
        return out;
    }

    static byte[] decode(byte[] all, String source) {
        int start = 0;
        while (start < all.length && Character.isWhitespace(all[start])) {
            start++;
        }
        int end = start < all.length && all[start] == '"' ? indexOf(all, (byte) '"', start + 1) : -1;
        if (end < 0) {
            // identityd reads a file without a version as a bare seed
            if (all.length == SEED_LENGTH) {
                return all.clone();
            }
            throw ZosException.invalid(source + ": not a node seed (no version header and not 32 bytes)");
        }
        String version = new String(all, start + 1, end - start - 1, StandardCharsets.US_ASCII);
        byte[] data = Arrays.copyOfRange(all, end + 1, all.length);
        return switch (version) {
            case VERSION_1 -> {
                if (data.length != SEED_LENGTH) {
                    throw ZosException.invalid(source + ": seed version 1.0.0 needs 32 bytes after the header, found " + data.length);
                }
                yield data;
            }
            case VERSION_11 -> fromMnemonicJson(data, source);
            default -> throw ZosException.invalid(source + ": unknown seed version '" + version + "' (known: 1.0.0, 1.1.0)");
        };
    }

    private static byte[] fromMnemonicJson(byte[] data, String source) {
        try {
            JsonNode json = new ObjectMapper().readTree(data);
            String phrase = json == null ? "" : json.path("mnemonic").asText("");
            byte[] entropy = Mnemonic.parse(phrase).entropy();
            if (entropy.length != SEED_LENGTH) {
                throw ZosException.invalid(source + ": seed 1.1.0 mnemonic must have 24 words (32 bytes of entropy)");
            }
            return entropy;
        } catch (IOException e) {
            throw ZosException.invalid(source + ": seed version 1.1.0 is not {\"mnemonic\": \"...\"} JSON");
        } catch (ZosException e) {
            throw ZosException.invalid(source + ": " + e.getMessage());
        }
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
