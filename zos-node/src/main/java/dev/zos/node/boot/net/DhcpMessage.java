package dev.zos.node.boot.net;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One BOOTP/DHCP message (RFC 2131/2132): the fixed header, the magic cookie and the options this client uses.
 * Parsing is defensive: a short, foreign or malformed datagram gives {@code null}, never an exception.
 */
record DhcpMessage(int op, int xid, int flags, byte[] ciaddr, byte[] yiaddr, byte[] chaddr, Map<Integer, byte[]> options) {
    static final int DISCOVER = 1;
    static final int OFFER = 2;
    static final int REQUEST = 3;
    static final int ACK = 5;
    static final int NAK = 6;
    static final int OPT_SUBNET = 1;
    static final int OPT_ROUTER = 3;
    static final int OPT_DNS = 6;
    static final int OPT_DOMAIN = 15;
    static final int OPT_REQUESTED_IP = 50;
    static final int OPT_LEASE_TIME = 51;
    static final int OPT_TYPE = 53;
    static final int OPT_SERVER_ID = 54;
    static final int OPT_PARAMS = 55;
    static final int OPT_CLIENT_ID = 61;
    static final int BROADCAST_FLAG = 0x8000;
    private static final int COOKIE = 0x63825363;
    private static final int HEADER = 236;

    /** A client message (DISCOVER or REQUEST) with the broadcast flag, so replies reach a socket without an address yet. */
    static DhcpMessage request(int type, int xid, byte[] mac, byte[] ciaddr, byte[] requested, byte[] serverId) {
        Map<Integer, byte[]> o = new LinkedHashMap<>();
        o.put(OPT_TYPE, new byte[] {(byte) type});
        byte[] id = new byte[7];
        id[0] = 1;
        System.arraycopy(mac, 0, id, 1, 6);
        o.put(OPT_CLIENT_ID, id);
        if (requested != null) {
            o.put(OPT_REQUESTED_IP, requested);
        }
        if (serverId != null) {
            o.put(OPT_SERVER_ID, serverId);
        }
        o.put(OPT_PARAMS, new byte[] {OPT_SUBNET, OPT_ROUTER, OPT_DNS, OPT_DOMAIN, OPT_LEASE_TIME, OPT_SERVER_ID});
        return new DhcpMessage(1, xid, BROADCAST_FLAG, ciaddr == null ? new byte[4] : ciaddr, new byte[4], mac, o);
    }

    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(576);
        b.put((byte) op).put((byte) 1).put((byte) 6).put((byte) 0);
        b.putInt(xid).putShort((short) 0).putShort((short) flags);
        b.put(ciaddr).put(yiaddr).put(new byte[4]).put(new byte[4]);
        b.put(Arrays.copyOf(chaddr, 16));
        b.put(new byte[64 + 128]);
        b.putInt(COOKIE);
        options.forEach((code, value) -> b.put(code.byteValue()).put((byte) value.length).put(value));
        b.put((byte) 255);
        // BOOTP relays and old servers drop messages shorter than 300 bytes
        return Arrays.copyOf(b.array(), Math.max(300, b.position()));
    }

    static DhcpMessage parse(byte[] data, int length) {
        if (length < HEADER + 4) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(data, 0, length);
        int op = b.get() & 0xff;
        int htype = b.get() & 0xff;
        int hlen = b.get() & 0xff;
        b.get();
        int xid = b.getInt();
        b.getShort();
        int flags = b.getShort() & 0xffff;
        byte[] ciaddr = new byte[4];
        byte[] yiaddr = new byte[4];
        b.get(ciaddr).get(yiaddr).position(b.position() + 8);
        byte[] chaddr = new byte[16];
        b.get(chaddr);
        if (htype != 1 || hlen != 6) {
            return null;
        }
        b.position(HEADER);
        if (b.getInt() != COOKIE) {
            return null;
        }
        Map<Integer, byte[]> options = new LinkedHashMap<>();
        while (b.hasRemaining()) {
            int code = b.get() & 0xff;
            if (code == 0) {
                continue;
            }
            if (code == 255 || !b.hasRemaining()) {
                break;
            }
            int len = b.get() & 0xff;
            if (len > b.remaining()) {
                return null;
            }
            byte[] v = new byte[len];
            b.get(v);
            options.merge(code, v, DhcpMessage::concat); // RFC 3396: a long option may be split in parts
        }
        return new DhcpMessage(op, xid, flags, ciaddr, yiaddr, Arrays.copyOf(chaddr, 6), options);
    }

    int type() {
        byte[] t = options.get(OPT_TYPE);
        return t != null && t.length == 1 ? t[0] & 0xff : -1;
    }

    Inet4Address address(int option) {
        byte[] v = options.get(option);
        return v != null && v.length >= 4 ? Ipv4.of(Arrays.copyOf(v, 4)) : null;
    }

    List<Inet4Address> addresses(int option) {
        byte[] v = options.getOrDefault(option, new byte[0]);
        List<Inet4Address> out = new ArrayList<>();
        for (int i = 0; i + 4 <= v.length; i += 4) {
            out.add(Ipv4.of(Arrays.copyOfRange(v, i, i + 4)));
        }
        return out;
    }

    long u32(int option, long otherwise) {
        byte[] v = options.get(option);
        return v != null && v.length == 4 ? ByteBuffer.wrap(v).getInt() & 0xffffffffL : otherwise;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
