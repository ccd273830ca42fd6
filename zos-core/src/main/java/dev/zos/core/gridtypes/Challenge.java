package dev.zos.core.gridtypes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text a deployment's hash is taken over, built the way ThreeFold's Go code writes it with
 * {@code fmt.Fprintf} into an MD5: no separators, {@code %d} decimal integers, {@code %t} as
 * true/false, {@code %s} raw strings, {@code %x} lowercase hex. The text is kept (not just fed to
 * the digest) so it can be shown when two sides disagree on a hash.
 */
public final class Challenge {
    private final StringBuilder out = new StringBuilder();
    private final List<String> labels = new ArrayList<>();
    private final List<Integer> starts = new ArrayList<>();

    /** Starts a labelled part, so {@link #parts()} can show which text came from where. */
    public Challenge mark(String label) {
        labels.add(label);
        starts.add(out.length());
        return this;
    }

    /** The text cut at each {@link #mark(String)}, in order: what {@code hash --explain} shows. */
    public Map<String, String> parts() {
        var parts = new LinkedHashMap<String, String>();
        for (int i = 0; i < labels.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1) : out.length();
            parts.put(labels.get(i), out.substring(starts.get(i), end));
        }
        return parts;
    }

    /** Go {@code %d}. */
    public Challenge d(long value) {
        out.append(value);
        return this;
    }

    /** Go {@code %t}. */
    public Challenge t(boolean value) {
        out.append(value ? "true" : "false");
        return this;
    }

    /** Go {@code %s} of a string. */
    public Challenge s(String value) {
        out.append(value == null ? "" : value);
        return this;
    }

    /** Go {@code %x} of a byte slice. */
    public Challenge x(HexBytes value) {
        out.append(value == null ? "" : value.hex());
        return this;
    }

    public String text() {
        return out.toString();
    }

    public byte[] md5() {
        try {
            return MessageDigest.getInstance("MD5").digest(text().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides MD5", e);
        }
    }

    public String md5Hex() {
        return HexFormat.of().formatHex(md5());
    }

    @Override
    public String toString() {
        return text();
    }
}
