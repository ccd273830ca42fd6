package dev.zos.node.boot.net;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The static fallback from the kernel command line, in the kernel's own {@code ip=} form
 * (Documentation/admin-guide/nfs/nfsroot.rst):
 * {@code ip=<client-ip>:<server-ip>:<gw-ip>:<netmask>:<hostname>:<device>:<autoconf>:<dns0-ip>:<dns1-ip>}, where
 * {@code client-ip} may carry its prefix ({@code 192.168.1.10/24}) instead of a netmask; so
 * {@code ip=192.168.1.10/24::192.168.1.1} is enough. {@code ip=dhcp} (or absent, {@code off}, {@code none}) means DHCP.
 * Without a device the first NIC is used.
 */
public final class StaticIp {
    private StaticIp() {
    }

    /** The configuration the {@code ip=} value asks for, or empty when it asks for DHCP. */
    public static Optional<IpConfig> parse(String value, String defaultIface) {
        if (value == null || value.isBlank() || List.of("dhcp", "on", "any", "both", "off", "none").contains(value)) {
            return Optional.empty();
        }
        String[] f = value.split(":", -1);
        String client = f[0];
        if (client.isEmpty()) {
            throw new IllegalArgumentException("ip=" + value + ": no address before the first ':' (want ip=ADDR/PREFIX::GATEWAY)");
        }
        int prefix;
        Inet4Address address;
        int slash = client.indexOf('/');
        if (slash >= 0) {
            address = Ipv4.parse(client.substring(0, slash), "ip= address");
            String p = client.substring(slash + 1);
            if (!p.matches("\\d{1,2}") || Integer.parseInt(p) > 32) {
                throw new IllegalArgumentException("ip=" + value + ": prefix '" + p + "' is not 0..32");
            }
            prefix = Integer.parseInt(p);
        } else if (f.length > 3 && !f[3].isEmpty()) {
            prefix = IpConfig.prefixOf(Ipv4.parse(f[3], "ip= netmask").getAddress());
            address = Ipv4.parse(client, "ip= address");
        } else {
            address = Ipv4.parse(client, "ip= address");
            prefix = 24;
        }
        Inet4Address gateway = f.length > 2 && !f[2].isEmpty() ? Ipv4.parse(f[2], "ip= gateway") : null;
        String iface = f.length > 5 && !f[5].isEmpty() ? f[5] : defaultIface;
        if (iface == null) {
            throw new IllegalArgumentException("ip=" + value + ": no device named and no NIC found");
        }
        List<Inet4Address> dns = new ArrayList<>();
        for (int i = 7; i <= 8 && i < f.length; i++) {
            if (!f[i].isEmpty()) {
                dns.add(Ipv4.parse(f[i], "ip= dns"));
            }
        }
        return Optional.of(new IpConfig(iface, address, prefix, gateway, dns, null, "static"));
    }
}
