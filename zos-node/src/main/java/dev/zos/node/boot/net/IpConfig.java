package dev.zos.node.boot.net;

import java.net.Inet4Address;
import java.util.List;
import java.util.Objects;

/**
 * An interface's IPv4 configuration, from a DHCP lease or the command line.
 *
 * @param gateway null when there is no default route to set
 * @param source  {@code dhcp} or {@code static}
 */
public record IpConfig(String iface, Inet4Address address, int prefix, Inet4Address gateway, List<Inet4Address> dns, String domain,
                       String source) {
    public IpConfig {
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(address, "address");
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix must be 0..32, got " + prefix);
        }
        dns = List.copyOf(dns);
    }

    /** One console line: {@code net: eth0 10.0.2.15/24 gateway 10.0.2.2 dns 10.0.2.3 (dhcp)}. */
    public String describe() {
        return "net: " + iface + " " + address.getHostAddress() + "/" + prefix
                + " gateway " + (gateway == null ? "none" : gateway.getHostAddress())
                + " dns " + (dns.isEmpty() ? "none" : String.join(",", dns.stream().map(Inet4Address::getHostAddress).toList()))
                + " (" + source + ")";
    }

    static int netmaskBits(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    static int prefixOf(byte[] netmask) {
        int bits = toInt(netmask);
        int prefix = Integer.bitCount(bits);
        if (netmaskBits(prefix) != bits) {
            throw new IllegalArgumentException("netmask " + Ipv4.text(netmask) + " is not contiguous");
        }
        return prefix;
    }

    static int toInt(byte[] b) {
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }
}
