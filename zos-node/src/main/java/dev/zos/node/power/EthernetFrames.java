package dev.zos.node.power;

import dev.zos.core.ZosException;
import dev.zos.core.power.MacAddress;
import dev.zos.core.power.MagicPacket;
import dev.zos.node.boot.linux.Linux;
import dev.zos.node.boot.linux.SyscallException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Magic packets as bare Ethernet frames of ethertype {@code 0x0842} on named interfaces, as {@code ether-wake} sends
 * them (zos's power daemon runs {@code ether-wake -i zos MAC}): they need no IP address on the LAN and no route, but a
 * raw {@code AF_PACKET} socket, so root (CAP_NET_RAW) — PID 1 has it, {@code zos-node run} as a user does not.
 */
public final class EthernetFrames {
    private EthernetFrames() {
    }

    /** A {@code struct sockaddr_ll} for {@code ifindex}: family, protocol (network order), index, broadcast address. */
    static byte[] linkAddress(int ifindex) {
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        b.putShort((short) Linux.AF_PACKET);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) MagicPacket.ETHERTYPE).order(ByteOrder.nativeOrder());
        b.putInt(ifindex);
        b.putShort((short) 1); // ARPHRD_ETHER
        b.put((byte) 0).put((byte) 6);
        b.put(new byte[] {-1, -1, -1, -1, -1, -1, 0, 0});
        return b.array();
    }

    /** Sends the frame waking {@code target} out of {@code nic} (index {@code ifindex}, its own MAC {@code source}). */
    public static void send(String nic, int ifindex, MacAddress source, MacAddress target) {
        byte[] frame = new MagicPacket(target).ethernetFrame(source);
        int proto = Short.toUnsignedInt(Short.reverseBytes((short) MagicPacket.ETHERTYPE));
        int fd;
        try {
            fd = (int) Linux.check(Linux.libc().socket(Linux.AF_PACKET, Linux.SOCK_RAW | Linux.SOCK_CLOEXEC, proto),
                    "socket(AF_PACKET, SOCK_RAW)");
        } catch (SyscallException e) {
            throw ZosException.unavailable("cannot open a raw socket for Wake-on-LAN frames (needs root): " + e.getMessage(), e);
        }
        try {
            byte[] to = linkAddress(ifindex);
            Linux.check(Linux.libc().sendto(fd, frame, frame.length, 0, to, to.length), "sendto " + nic);
        } catch (SyscallException e) {
            throw ZosException.unavailable("cannot send the Wake-on-LAN frame for " + target + " on " + nic + ": " + e.getMessage(), e);
        } finally {
            Linux.libc().close(fd);
        }
    }

    /** An Ethernet interface as sysfs shows it. */
    public record Nic(String name, int index, MacAddress mac) {
    }

    /**
     * The Ethernet interfaces that are up, read from {@code sysClassNet} ({@code /sys/class/net}): type 1, the IFF_UP
     * flag, a MAC a card can have. Not {@link java.net.NetworkInterface}, which lists only interfaces with an address:
     * a LAN NIC without one must still carry the frames.
     */
    public static List<Nic> lanInterfaces(java.nio.file.Path sysClassNet) {
        List<Nic> out = new java.util.ArrayList<>();
        try (var dirs = java.nio.file.Files.list(sysClassNet)) {
            for (var dir : dirs.sorted().toList()) {
                try {
                    if (!read(dir, "type").equals("1") || (Integer.decode(read(dir, "flags")) & 1) == 0) {
                        continue;
                    }
                    out.add(new Nic(dir.getFileName().toString(), Integer.parseInt(read(dir, "ifindex")), MacAddress.of(read(dir, "address"))));
                } catch (java.io.IOException | RuntimeException e) {
                    // gone meanwhile, or no MAC a card can have: not a LAN NIC
                }
            }
        } catch (java.io.IOException e) {
            return List.of();
        }
        return out;
    }

    private static String read(java.nio.file.Path dir, String file) throws java.io.IOException {
        return java.nio.file.Files.readString(dir.resolve(file)).strip();
    }
}
