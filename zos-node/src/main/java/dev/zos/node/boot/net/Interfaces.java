package dev.zos.node.boot.net;

import static dev.zos.node.boot.linux.Linux.*;

import dev.zos.node.boot.linux.Linux;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * Network interfaces through the classic ioctls on an AF_INET socket (SIOCSIFFLAGS, SIOCSIFADDR, SIOCSIFNETMASK,
 * SIOCADDRT), so no {@code ip} program is needed in the image.
 */
public final class Interfaces {
    static final int IFREQ_SIZE = 40;
    static final int RTENTRY_SIZE = 120;

    private Interfaces() {
    }

    /**
     * The Ethernet NICs under {@code sysClassNet} (type 1, not {@code lo}), sorted by name; NICs backed by a device
     * first, virtual ones (veth, bridges) after them.
     */
    public static List<String> nics(Path sysClassNet) {
        List<String> physical = new ArrayList<>();
        List<String> virtual = new ArrayList<>();
        try (Stream<Path> s = Files.list(sysClassNet)) {
            for (Path p : s.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.equals("lo") || !read(p.resolve("type")).equals("1")) {
                    continue;
                }
                (Files.exists(p.resolve("device")) ? physical : virtual).add(name);
            }
        } catch (IOException e) {
            return List.of();
        }
        physical.addAll(virtual);
        return physical;
    }

    /** The MAC address from sysfs, as 6 bytes. */
    public static byte[] mac(Path sysClassNet, String iface) {
        String text = read(sysClassNet.resolve(iface).resolve("address"));
        String[] p = text.split(":");
        if (p.length != 6) {
            throw new IllegalStateException(iface + ": no MAC address in " + sysClassNet.resolve(iface).resolve("address"));
        }
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) Integer.parseInt(p[i], 16);
        }
        return b;
    }

    /** Sets IFF_UP on {@code iface} (kept if already up). */
    public static void up(String iface) {
        withSocket(fd -> {
            Pointer ifr = ifreq(iface);
            Linux.check(Linux.libc().ioctl(fd, SIOCGIFFLAGS, ifr), "SIOCGIFFLAGS " + iface);
            short flags = ifr.getShort(16);
            ifr.putShort(16, (short) (flags | IFF_UP));
            Linux.check(Linux.libc().ioctl(fd, SIOCSIFFLAGS, ifr), "SIOCSIFFLAGS " + iface + " up");
        });
    }

    /** Address and netmask, then the default route through the gateway when there is one. */
    public static void configure(IpConfig c) {
        withSocket(fd -> {
            Pointer ifr = ifreq(c.iface());
            putSockaddr(ifr, 16, c.address());
            Linux.check(Linux.libc().ioctl(fd, SIOCSIFADDR, ifr), "SIOCSIFADDR " + c.iface() + " " + c.address().getHostAddress());
            Pointer mask = ifreq(c.iface());
            putSockaddr(mask, 16, Ipv4.ofInt(IpConfig.netmaskBits(c.prefix())));
            Linux.check(Linux.libc().ioctl(fd, SIOCSIFNETMASK, mask), "SIOCSIFNETMASK " + c.iface() + " /" + c.prefix());
            if (c.gateway() != null) {
                addDefaultRoute(fd, c.iface(), c.gateway());
            }
        });
    }

    private static void addDefaultRoute(int fd, String iface, Inet4Address gateway) {
        Pointer rt = Memory.allocateDirect(Linux.runtime(), RTENTRY_SIZE, true);
        putSockaddr(rt, 8, Ipv4.ofInt(0));
        putSockaddr(rt, 24, gateway);
        putSockaddr(rt, 40, Ipv4.ofInt(0));
        rt.putShort(56, (short) (RTF_UP | RTF_GATEWAY));
        byte[] name = (iface + "\0").getBytes(StandardCharsets.US_ASCII);
        Pointer dev = Memory.allocateDirect(Linux.runtime(), name.length, true);
        dev.put(0, name, 0, name.length);
        rt.putAddress(88, dev.address());
        long r = Linux.libc().ioctl(fd, SIOCADDRT, rt);
        if (r < 0 && Linux.errno() != EEXIST) { // a lease renewal may set the same route again
            Linux.check(r, "SIOCADDRT default via " + gateway.getHostAddress() + " dev " + iface);
        }
    }

    static Pointer ifreq(String iface) {
        byte[] name = iface.getBytes(StandardCharsets.US_ASCII);
        if (name.length == 0 || name.length > 15) {
            throw new IllegalArgumentException("interface name '" + iface + "' must be 1..15 characters");
        }
        Pointer p = Memory.allocateDirect(Linux.runtime(), IFREQ_SIZE, true);
        p.put(0, name, 0, name.length);
        return p;
    }

    /** A struct sockaddr_in (family, port 0, address) at {@code offset}. */
    static void putSockaddr(Pointer p, long offset, Inet4Address a) {
        p.putShort(offset, (short) AF_INET);
        p.put(offset + 4, a.getAddress(), 0, 4);
    }

    interface FdAction {
        void run(int fd);
    }

    static void withSocket(FdAction action) {
        int fd = (int) Linux.check(Linux.libc().socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), "socket(AF_INET)");
        try {
            action.run(fd);
        } finally {
            Linux.libc().close(fd);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
