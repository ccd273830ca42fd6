package dev.zos.core.gridtypes;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.zos.core.ZosException;

/**
 * An address with a prefix length (zos {@code gridtypes.IPNet}). Like Go, the host part is kept
 * ({@code 10.1.2.3/16} stays as written) and the text is Go's {@code IPNet.String()}: canonical
 * address, slash, decimal prefix. Empty is allowed on the wire and hashes as {@code <nil>}.
 */
public record IpNet(String text) {
    public static final IpNet NONE = new IpNet("");

    public IpNet {
        text = text == null || text.isEmpty() ? "" : canonical(text);
    }

    @JsonCreator
    public static IpNet parse(String text) {
        return new IpNet(text);
    }

    private static String canonical(String s) {
        int slash = s.lastIndexOf('/');
        String prefix = slash < 0 ? "" : s.substring(slash + 1);
        if (slash < 0 || prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ZosException.invalid("not a CIDR (address/prefix): '" + s + "'");
        }
        byte[] ip = IpText.parse(s.substring(0, slash));
        int bits = Integer.parseInt(prefix);
        if (bits > ip.length * 8) {
            throw ZosException.invalid("prefix /" + bits + " is too long in '" + s + "'");
        }
        if (IpText.mappedV4(ip)) {
            // Go shows an IPv4-mapped network as IPv4 and keeps only the mask's last 32 bits
            bits = Math.max(0, bits - 96);
        }
        return IpText.format(ip) + "/" + bits;
    }

    public boolean empty() {
        return text.isEmpty();
    }

    @JsonValue
    @Override
    public String text() {
        return text;
    }

    public String challengeText() {
        return text.isEmpty() ? "<nil>" : text;
    }

    @Override
    public String toString() {
        return text;
    }
}
