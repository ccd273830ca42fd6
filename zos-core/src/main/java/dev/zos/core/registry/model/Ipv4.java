package dev.zos.core.registry.model;

import dev.zos.core.ZosException;

import java.util.regex.Pattern;

/** IPv4 text checks in canonical dotted-quad form (no leading zeros), so equal addresses have equal strings. */
public final class Ipv4 {
    private static final Pattern OCTET = Pattern.compile("^(0|[1-9]\\d{0,2})$");

    private Ipv4() {
    }

    public static long address(String text, String what) {
        Checks.required(text, what);
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw ZosException.invalid(what + " must be an IPv4 address like 185.69.166.1, got " + text);
        }
        long value = 0;
        for (String p : parts) {
            if (!OCTET.matcher(p).matches() || Integer.parseInt(p) > 255) {
                throw ZosException.invalid(what + " must be an IPv4 address like 185.69.166.1, got " + text);
            }
            value = value << 8 | Integer.parseInt(p);
        }
        return value;
    }

    /** Checks {@code a.b.c.d/n} and returns the prefix length. */
    public static int cidr(String text, String what) {
        Checks.required(text, what);
        int slash = text.indexOf('/');
        if (slash < 0 || !text.substring(slash + 1).matches("^(0|[1-9]\\d?)$")
                || Integer.parseInt(text.substring(slash + 1)) > 32) {
            throw ZosException.invalid(what + " must be IPv4 CIDR like 185.69.166.10/24, got " + text);
        }
        address(text.substring(0, slash), what);
        return Integer.parseInt(text.substring(slash + 1));
    }

    /** True when {@code gateway} lies in the network of {@code cidr}. */
    public static boolean sameNetwork(String cidr, String gateway) {
        int prefix = cidr(cidr, "ip");
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        long ip = address(cidr.substring(0, cidr.indexOf('/')), "ip");
        return (ip & mask) == (address(gateway, "gateway") & mask);
    }
}
