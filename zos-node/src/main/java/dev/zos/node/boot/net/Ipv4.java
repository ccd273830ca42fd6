package dev.zos.node.boot.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Dotted-quad IPv4 addresses parsed strictly (no name lookups). */
final class Ipv4 {
    private Ipv4() {
    }

    static Inet4Address parse(String text, String what) {
        String[] p = text.split("\\.", -1);
        if (p.length != 4) {
            throw new IllegalArgumentException(what + " '" + text + "' is not an IPv4 address");
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!p[i].matches("\\d{1,3}") || Integer.parseInt(p[i]) > 255) {
                throw new IllegalArgumentException(what + " '" + text + "' is not an IPv4 address");
            }
            b[i] = (byte) Integer.parseInt(p[i]);
        }
        return of(b);
    }

    static Inet4Address of(byte[] b) {
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Inet4Address ofInt(int v) {
        return of(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    static String text(byte[] b) {
        return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
    }
}
