package dev.zos.core.power;

import java.util.Arrays;

/**
 * A Wake-on-LAN magic packet for one MAC: six {@code 0xFF} bytes then the MAC sixteen times (102 bytes). A network
 * card armed for wake-up ({@code ethtool -s NIC wol g}) powers its machine on when it sees these bytes anywhere in a
 * frame, so the same payload goes in a UDP datagram ({@link #payload()}) or in a bare Ethernet frame of ethertype
 * {@code 0x0842} ({@link #ethernetFrame}), as {@code ether-wake} sends it.
 */
public record MagicPacket(MacAddress target) {
    public static final int PAYLOAD_LENGTH = 6 + 16 * 6;
    /** The ethertype registered for Wake-on-LAN frames. */
    public static final int ETHERTYPE = 0x0842;
    /** The UDP port magic packets are sent to by convention (discard); 7 is the other common choice. */
    public static final int DISCARD_PORT = 9;

    public MagicPacket {
        java.util.Objects.requireNonNull(target, "target");
    }

    /** The 102 bytes. */
    public byte[] payload() {
        byte[] p = new byte[PAYLOAD_LENGTH];
        Arrays.fill(p, 0, 6, (byte) 0xFF);
        byte[] mac = target.bytes();
        for (int i = 0; i < 16; i++) {
            System.arraycopy(mac, 0, p, 6 + i * 6, 6);
        }
        return p;
    }

    /** A broadcast Ethernet frame from {@code source} carrying the payload: dst ff:…:ff, src, type 0x0842, payload. */
    public byte[] ethernetFrame(MacAddress source) {
        byte[] f = new byte[14 + PAYLOAD_LENGTH];
        Arrays.fill(f, 0, 6, (byte) 0xFF);
        System.arraycopy(source.bytes(), 0, f, 6, 6);
        f[12] = (byte) (ETHERTYPE >> 8);
        f[13] = (byte) ETHERTYPE;
        System.arraycopy(payload(), 0, f, 14, PAYLOAD_LENGTH);
        return f;
    }

    /**
     * The MAC of the first magic packet anywhere in {@code frame}'s first {@code length} bytes, or null: what a network
     * card armed for wake-up looks for, whatever carries it (a UDP datagram to any port, a 0x0842 frame).
     */
    public static MacAddress find(byte[] frame, int length) {
        for (int i = 0; i + PAYLOAD_LENGTH <= length; i++) {
            if (frame[i] == (byte) 0xFF) {
                MacAddress mac = parse(frame, i, length - i);
                if (mac != null) {
                    return mac;
                }
            }
        }
        return null;
    }

    /** The MAC a magic packet wakes, or null when {@code bytes} (a datagram or a frame's payload) is not one. */
    public static MacAddress parse(byte[] bytes, int offset, int length) {
        if (length < PAYLOAD_LENGTH) {
            return null;
        }
        for (int i = 0; i < 6; i++) {
            if (bytes[offset + i] != (byte) 0xFF) {
                return null;
            }
        }
        byte[] mac = Arrays.copyOfRange(bytes, offset + 6, offset + 12);
        for (int i = 1; i < 16; i++) {
            if (!Arrays.equals(mac, 0, 6, bytes, offset + 6 + i * 6, offset + 12 + i * 6)) {
                return null;
            }
        }
        try {
            return new MacAddress(java.util.HexFormat.ofDelimiter(":").formatHex(mac));
        } catch (RuntimeException e) {
            return null; // the right shape for a MAC no card has
        }
    }
}
