package dev.zos.core.power;

import dev.zos.core.ZosException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A 48-bit Ethernet MAC address, as a node registers its interfaces ({@code 52:54:00:12:34:56}). Parsed from six
 * hex pairs separated by {@code :} or {@code -}; the all-zero, broadcast and multicast addresses are refused, since
 * no network card answers to them as its own.
 */
public record MacAddress(String text) {
    private static final Pattern FORM = Pattern.compile("^[0-9a-fA-F]{2}([:-])[0-9a-fA-F]{2}(\\1[0-9a-fA-F]{2}){4}$");

    public MacAddress {
        if (text == null || !FORM.matcher(text).matches()) {
            throw ZosException.invalid("MAC address must be six hex pairs like 52:54:00:12:34:56, got '" + text + "'");
        }
        text = text.replace('-', ':').toLowerCase(java.util.Locale.ROOT);
        byte[] b = HexFormat.ofDelimiter(":").parseHex(text);
        if ((b[0] & 1) != 0) {
            throw ZosException.invalid("MAC address " + text + " is a multicast or broadcast address, not a network card's");
        }
        if (java.util.Arrays.equals(b, new byte[6])) {
            throw ZosException.invalid("MAC address " + text + " is all zeros, not a network card's");
        }
    }

    public static MacAddress of(String text) {
        return new MacAddress(text);
    }

    /** The six bytes. */
    public byte[] bytes() {
        return HexFormat.ofDelimiter(":").parseHex(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
