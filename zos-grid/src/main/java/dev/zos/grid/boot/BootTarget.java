package dev.zos.grid.boot;

import dev.zos.imagegen.build.Runmode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a boot URL asks for: {@code /<kind>/<runmode>/<farm>[/<extra>]}, as ThreeFold's bootstrap shapes it. The
 * extra part is kernel command line words separated by (escaped) spaces, {@code ___} standing for {@code /}.
 *
 * @param extra the extra words, each checked: they end up on a kernel command line and in an iPXE script
 */
record BootTarget(Runmode runmode, long farm, List<String> extra) {
    static final int MAX_EXTRA_WORDS = 16;
    static final int MAX_EXTRA_CHARS = 512;
    /** Words iPXE passes through untouched (no {@code $} expansion, no quoting) and the node reads as key[=value]. */
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:,=/@+-]*");

    BootTarget {
        extra = List.copyOf(extra);
    }

    /** The extra words as one string, or null when there are none. */
    String extraCmdline() {
        return extra.isEmpty() ? null : String.join(" ", extra);
    }

    /** The path segment that gives back these extra words ({@code %20} between words, {@code ___} for {@code /}). */
    String extraSegment() {
        return String.join("%20", extra).replace("/", "___");
    }

    /** Parses the raw (still escaped) path after {@code /<kind>}: 404 for an unknown runmode or farm id shape, 400 for bad extras. */
    static BootTarget parse(String kind, String rawRest) {
        String usage = "expected /" + kind + "/<runmode>/<farm>[/<extra>]";
        String rest = rawRest.startsWith("/") ? rawRest.substring(1) : rawRest;
        String[] parts = rest.split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw BootRefusal.notFound("no such boot path: " + clip("/" + kind + rawRest) + "; " + usage);
        }
        Runmode runmode = runmode(parts[0]);
        if (!parts[1].matches("[0-9]{1,18}") || Long.parseLong(parts[1]) < 1) {
            throw BootRefusal.notFound("'" + clip(parts[1]) + "' is not a farm id (a number of 1 or more); " + usage);
        }
        long farm = Long.parseLong(parts[1]);
        List<String> extra = parts.length == 3 ? extra(parts[2]) : List.of();
        return new BootTarget(runmode, farm, extra);
    }

    static Runmode runmode(String text) {
        for (Runmode r : Runmode.values()) {
            if (r.value().equals(text)) {
                return r;
            }
        }
        throw BootRefusal.notFound("unknown runmode '" + clip(text) + "'; this boot server serves dev, test and prod");
    }

    static List<String> extra(String raw) {
        String text = decode(raw).replace("___", "/");
        if (text.length() > MAX_EXTRA_CHARS) {
            throw BootRefusal.badRequest("extra kernel arguments are longer than " + MAX_EXTRA_CHARS + " characters");
        }
        List<String> words = new ArrayList<>();
        for (String w : text.strip().split("[ \t]+")) {
            if (w.isEmpty()) {
                continue;
            }
            if (!WORD.matcher(w).matches()) {
                throw BootRefusal.badRequest("extra kernel argument '" + clip(w) + "' is not allowed: use words of letters, digits"
                        + " and _ . : , = / @ + - (key or key=value), separated by spaces");
            }
            words.add(w);
        }
        if (words.size() > MAX_EXTRA_WORDS) {
            throw BootRefusal.badRequest("at most " + MAX_EXTRA_WORDS + " extra kernel arguments, got " + words.size());
        }
        return words;
    }

    /** Strict percent-decoding of one path segment ('+' stays a plus). */
    private static String decode(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0 || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    throw BootRefusal.badRequest("extra kernel arguments have a broken %-escape: " + clip(raw));
                }
                out.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                throw BootRefusal.badRequest("extra kernel arguments are ASCII: " + clip(raw));
            }
        }
        byte[] bytes = out.toByteArray();
        for (byte b : bytes) {
            if (b < 0x20 && b != '\t' || b == 0x7f || b < 0) {
                throw BootRefusal.badRequest("extra kernel arguments hold control or non-ASCII characters");
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    static String clip(String s) {
        String one = s == null ? "" : s.replaceAll("\\p{Cntrl}", "?");
        return one.length() > 80 ? one.substring(0, 80) + "…" : one;
    }
}
