package dev.zos.core.gridtypes;

import dev.zos.core.ZosException;

/**
 * Parses IP literals as strictly as Go's {@code net.ParseIP} (no leading zeros in IPv4, no zones,
 * never a host name lookup) and prints them as Go's {@code IP.String()} does, because that text is
 * what the node hashes.
 */
final class IpText {
    private IpText() {
    }

    /** 4 bytes for IPv4, 16 for IPv6; IPv4-mapped IPv6 stays 16 bytes so callers can tell. */
    static byte[] parse(String s) {
        if (s.indexOf(':') >= 0) {
            return parseV6(s);
        }
        byte[] v4 = parseV4(s);
        if (v4 == null) {
            throw ZosException.invalid("not an IP address: '" + s + "'");
        }
        return v4;
    }

    private static byte[] parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')
                    || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] parseV6(String s) {
        ZosException bad = ZosException.invalid("not an IP address: '" + s + "'");
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            throw bad;
        }
        String head = gap >= 0 ? s.substring(0, gap) : s;
        String tail = gap >= 0 ? s.substring(gap + 2) : "";
        int[] h = groups(head, bad);
        int[] t = groups(tail, bad);
        int total = h.length + t.length;
        if (gap < 0 ? total != 8 : total > 7) {
            throw bad;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < h.length; i++) {
            out[2 * i] = (byte) (h[i] >> 8);
            out[2 * i + 1] = (byte) h[i];
        }
        for (int i = 0; i < t.length; i++) {
            int g = 8 - t.length + i;
            out[2 * g] = (byte) (t[i] >> 8);
            out[2 * g + 1] = (byte) t[i];
        }
        return out;
    }

    /** 16-bit groups; a trailing dotted IPv4 counts as two groups. */
    private static int[] groups(String part, ZosException bad) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] items = part.split(":", -1);
        byte[] v4 = null;
        String last = items[items.length - 1];
        if (last.indexOf('.') >= 0) {
            v4 = parseV4(last);
            if (v4 == null) {
                throw bad;
            }
        }
        int hexCount = v4 == null ? items.length : items.length - 1;
        int[] out = new int[hexCount + (v4 == null ? 0 : 2)];
        for (int i = 0; i < hexCount; i++) {
            String g = items[i];
            if (g.isEmpty() || g.length() > 4 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw bad;
            }
            out[i] = Integer.parseInt(g, 16);
        }
        if (v4 != null) {
            out[hexCount] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
            out[hexCount + 1] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
        }
        return out;
    }

    /** Go prints an IPv4-mapped IPv6 address as plain IPv4 ({@code IP.To4()} comes first). */
    static boolean mappedV4(byte[] ip) {
        if (ip.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return ip[10] == (byte) 0xff && ip[11] == (byte) 0xff;
    }

    static String format(byte[] ip) {
        if (ip.length == 4) {
            return (ip[0] & 0xff) + "." + (ip[1] & 0xff) + "." + (ip[2] & 0xff) + "." + (ip[3] & 0xff);
        }
        if (mappedV4(ip)) {
            return format(java.util.Arrays.copyOfRange(ip, 12, 16));
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((ip[2 * i] & 0xff) << 8) | (ip[2 * i + 1] & 0xff);
        }
        // the longest run (first on ties) of at least two zero groups becomes "::", as in RFC 5952 and Go
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        var sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
