package dev.zos.node.workload.network;

import dev.zos.core.ZosException;

/**
 * An IPv4 network ({@code 10.20.3.0/24}): the base address with the host bits cleared and the prefix length.
 * The network driver only speaks IPv4, as zos's private networks do.
 */
public record Ipv4Subnet(int base, int prefix) {

    public Ipv4Subnet {
        if (prefix < 0 || prefix > 32) {
            throw ZosException.invalid("prefix /" + prefix + " is not an IPv4 prefix");
        }
        base = base & mask(prefix);
    }

    /** Parses {@code a.b.c.d/n}; the host part is dropped (Go's {@code IPNet} keeps it in text only). */
    public static Ipv4Subnet parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw ZosException.invalid("not a CIDR (address/prefix): '" + cidr + "'");
        }
        int prefix;
        try {
            prefix = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw ZosException.invalid("not a CIDR (address/prefix): '" + cidr + "'");
        }
        return new Ipv4Subnet(address(cidr.substring(0, slash)), prefix);
    }

    /** The 32-bit value of a dotted IPv4 address; anything else (an IPv6 address too) is refused. */
    public static int address(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw ZosException.invalid("'" + text
                    + "' is not an IPv4 address (only IPv4 private networks are supported)");
        }
        int value = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                throw ZosException.invalid("'" + text + "' is not an IPv4 address");
            }
            value = (value << 8) | Integer.parseInt(p);
        }
        return value;
    }

    public static String format(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff);
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    public boolean contains(int address) {
        return (address & mask(prefix)) == base;
    }

    /** Whether all of {@code other} lies inside this network. */
    public boolean contains(Ipv4Subnet other) {
        return other.prefix >= prefix && contains(other.base);
    }

    /** The first host address, which zos gives the network's gateway. */
    public int gateway() {
        return base + 1;
    }

    /** The last address (broadcast), not usable by a host. */
    public int broadcast() {
        return base | ~mask(prefix);
    }

    /** Whether {@code address} can be given to a machine: inside, not the network, gateway or broadcast address. */
    public boolean hostAddress(int address) {
        return contains(address) && address != base && address != gateway() && address != broadcast();
    }

    @Override
    public String toString() {
        return format(base) + "/" + prefix;
    }
}
