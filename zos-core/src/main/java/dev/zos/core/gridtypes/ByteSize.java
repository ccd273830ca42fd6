package dev.zos.core.gridtypes;

import dev.zos.core.ZosException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sizes written by people: a plain integer is bytes; otherwise a number and a unit, optionally
 * separated by a space. Binary units are powers of 1024 ({@code KiB MiB GiB TiB}), decimal units
 * powers of 1000 ({@code kB KB MB GB TB}), and {@code B} is bytes. Units are case-sensitive so that
 * {@code Mb} (megabits) is never mistaken for bytes. A fraction is allowed when it comes to whole
 * bytes ({@code 1.5GiB}). On the wire sizes are always integer bytes.
 */
public final class ByteSize {
    public static final long KIB = 1024L;
    public static final long MIB = 1024L * KIB;
    public static final long GIB = 1024L * MIB;
    public static final long TIB = 1024L * GIB;

    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("B", 1L),
            Map.entry("kB", 1_000L), Map.entry("KB", 1_000L),
            Map.entry("MB", 1_000_000L), Map.entry("GB", 1_000_000_000L), Map.entry("TB", 1_000_000_000_000L),
            Map.entry("KiB", KIB), Map.entry("MiB", MIB), Map.entry("GiB", GIB), Map.entry("TiB", TIB));
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?) ?([A-Za-z]*)");
    public static final String HELP = "use bytes or a number with a unit: B, kB, MB, GB, TB (x1000) or KiB, MiB, GiB, TiB (x1024)";

    private ByteSize() {
    }

    /** Bytes for {@code text}; ZosException (INVALID) with a one-line reason otherwise. */
    public static long parse(String text) {
        var m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw ZosException.invalid("invalid size '" + text + "': " + HELP);
        }
        Long unit = m.group(2).isEmpty() ? Long.valueOf(1) : UNITS.get(m.group(2));
        if (unit == null) {
            throw ZosException.invalid("invalid size '" + text + "': unknown unit '" + m.group(2) + "'; " + HELP);
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        try {
            return bytes.longValueExact();
        } catch (ArithmeticException e) {
            throw ZosException.invalid("invalid size '" + text + "': not a whole number of bytes or too large");
        }
    }

    /** Shortest exact binary form for messages ({@code 250 MiB}); plain bytes when none is exact. */
    public static String format(long bytes) {
        long[] units = {TIB, GIB, MIB, KIB};
        String[] names = {"TiB", "GiB", "MiB", "KiB"};
        for (int i = 0; i < units.length; i++) {
            if (bytes != 0 && bytes % units[i] == 0) {
                return bytes / units[i] + " " + names[i];
            }
        }
        return bytes + " B";
    }
}
