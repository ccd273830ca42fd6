package dev.zos.flist.sign;

import dev.zos.flist.meta.FlistEditor;

import dev.zos.core.ZosException;
import dev.zos.core.identity.Ed25519;
import dev.zos.core.identity.TwinKey;
import dev.zos.flist.meta.FlistReader;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A twin's signature on an flist, kept in the flist's own tags (docs/formats/hub.md):
 * {@code zos.signature} (128 hex digits), {@code zos.signature.twin} (twin id) and {@code zos.signature.key}
 * (the signer's ed25519 public key, hex). The signature is ed25519 over
 * {@code zos-flist-signature-v1\n<twin id>\n<hex FlistDigest>}; the digest leaves out the signature tags and
 * the routes, so signing changes nothing it covers and re-routing keeps it valid.
 * <pre>{@code
 * FlistSignatures.sign(path, key, twinId);
 * SignatureCheck c = FlistSignatures.verify(path, twinId -> registry.publicKey(twinId));
 * }</pre>
 */
public final class FlistSignatures {
    public static final String SIGNATURE_TAG = "zos.signature";
    public static final String TWIN_TAG = SIGNATURE_TAG + ".twin";
    public static final String KEY_TAG = SIGNATURE_TAG + ".key";
    static final String DOMAIN = "zos-flist-signature-v1";

    private static final HexFormat HEX = HexFormat.of();

    private FlistSignatures() {
    }

    /** Signs {@code flist} in place as twin {@code twinId}, replacing any earlier signature; the flist is replaced atomically. */
    public static SignatureCheck sign(Path flist, TwinKey key, long twinId) {
        if (twinId < 1) {
            throw ZosException.invalid("twin id must be positive, got " + twinId);
        }
        byte[] digest = FlistDigest.of(flist);
        byte[] signature = key.sign(message(twinId, digest));
        FlistEditor.update(flist, m -> m.withTagChanges(Map.of(
                SIGNATURE_TAG, HEX.formatHex(signature),
                TWIN_TAG, Long.toString(twinId),
                KEY_TAG, key.publicKeyHex()), Set.of()));
        return new SignatureCheck(SignatureCheck.Status.VALID, twinId, key.publicKeyHex(),
                "signed by twin " + twinId);
    }

    /** Removes a signature (no-op on an unsigned flist). */
    public static void strip(Path flist) {
        FlistEditor.update(flist, m -> m.withTagChanges(Map.of(), Set.of(SIGNATURE_TAG, TWIN_TAG, KEY_TAG)));
    }

    /** Checks the signature with a known public key (32 bytes): VALID only when that key made it. */
    public static SignatureCheck verify(Path flist, byte[] publicKey) {
        if (publicKey == null || publicKey.length != Ed25519.PUBLIC_KEY_LENGTH) {
            throw ZosException.invalid("a public key is 32 bytes (64 hex digits)");
        }
        return verify(flist, twin -> Optional.of(publicKey.clone()));
    }

    /** Checks the signature with the key the claimed twin has registered (e.g. in the grid's registry). */
    public static SignatureCheck verify(Path flist, TwinKeys keys) {
        Map<String, String> tags;
        try (FlistReader reader = FlistReader.open(flist)) {
            tags = reader.tags();
        }
        String sig = tags.get(SIGNATURE_TAG);
        String twinText = tags.get(TWIN_TAG);
        String named = tags.get(KEY_TAG);
        if (sig == null && twinText == null) {
            return new SignatureCheck(SignatureCheck.Status.UNSIGNED, 0, null, "flist " + flist + " is not signed");
        }
        long twinId;
        try {
            twinId = Long.parseLong(twinText == null ? "" : twinText.strip());
        } catch (NumberFormatException e) {
            return new SignatureCheck(SignatureCheck.Status.INVALID, 0, named,
                    "tag " + TWIN_TAG + " is not a twin id");
        }
        if (sig == null || !sig.matches("^[0-9a-f]{128}$")) {
            return new SignatureCheck(SignatureCheck.Status.INVALID, twinId, named,
                    "tag " + SIGNATURE_TAG + " is not an ed25519 signature (128 lowercase hex digits)");
        }
        Optional<byte[]> key = keys.publicKey(twinId);
        if (key.isEmpty()) {
            return new SignatureCheck(SignatureCheck.Status.UNKNOWN_SIGNER, twinId, named,
                    "twin " + twinId + " that signed flist " + flist + " is not registered");
        }
        String keyHex = HEX.formatHex(key.get());
        boolean ok = Ed25519.verify(key.get(), message(twinId, FlistDigest.of(flist)), HEX.parseHex(sig));
        if (!ok) {
            return new SignatureCheck(SignatureCheck.Status.INVALID, twinId, keyHex, "the signature of twin " + twinId
                    + " does not match flist " + flist + " (changed after signing, or signed with another key)");
        }
        return new SignatureCheck(SignatureCheck.Status.VALID, twinId, keyHex, "signed by twin " + twinId);
    }

    static byte[] message(long twinId, byte[] digest) {
        return (DOMAIN + "\n" + twinId + "\n" + HEX.formatHex(digest)).getBytes(StandardCharsets.UTF_8);
    }
}
