package dev.zos.node.boot.net;

import static dev.zos.node.boot.linux.Linux.*;

import dev.zos.node.boot.linux.Linux;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A DHCPv4 client for one interface at a time: DISCOVER → OFFER → REQUEST → ACK over a UDP socket bound to
 * port 68 and to the device (SO_BINDTODEVICE), with the broadcast flag so the server broadcasts its replies to an
 * interface that has no address yet. DISCOVERs are resent with a growing interval until the timeout.
 */
public final class DhcpClient {
    static final Duration MAX_RESEND = Duration.ofSeconds(4);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A lease: the configuration to apply, who gave it and for how long. */
    public record Lease(IpConfig config, Inet4Address server, Duration time) {
    }

    /** No usable answer within the timeout. */
    public static final class NoLeaseException extends RuntimeException {
        NoLeaseException(String message) {
            super(message);
        }
    }

    private final byte[] mac;
    private final String iface;
    private final Duration timeout;
    private final Consumer<String> log;

    public DhcpClient(String iface, byte[] mac, Duration timeout, Consumer<String> log) {
        this.iface = iface;
        this.mac = mac.clone();
        this.timeout = timeout;
        this.log = log;
    }

    /** The full exchange; throws {@link NoLeaseException} naming the interface when no server answers in time. */
    public Lease obtain() {
        long deadline = System.nanoTime() + timeout.toNanos();
        int xid = RANDOM.nextInt();
        try (Socket s = new Socket(iface)) {
            int sent = 0;
            Duration wait = Duration.ofSeconds(1);
            DhcpMessage offer = null;
            while (offer == null) {
                if (System.nanoTime() >= deadline) {
                    throw new NoLeaseException("dhcp: no offer on " + iface + " after " + timeout.toSeconds() + " s (" + sent + " DISCOVERs sent)");
                }
                s.send(DhcpMessage.request(DhcpMessage.DISCOVER, xid, mac, null, null, null));
                sent++;
                offer = s.receive(xid, mac, Math.min(deadline, System.nanoTime() + wait.toNanos()), DhcpMessage.OFFER);
                wait = wait.multipliedBy(2).compareTo(MAX_RESEND) > 0 ? MAX_RESEND : wait.multipliedBy(2);
            }
            byte[] server = offer.options().get(DhcpMessage.OPT_SERVER_ID);
            log.accept("dhcp: " + iface + " offered " + Ipv4.text(offer.yiaddr()) + (server != null && server.length == 4 ? " by " + Ipv4.text(server) : ""));
            for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
                s.send(DhcpMessage.request(DhcpMessage.REQUEST, xid, mac, null, offer.yiaddr(), server));
                DhcpMessage ack = s.receive(xid, mac, Math.min(deadline, System.nanoTime() + Duration.ofSeconds(2L << Math.min(attempt, 1)).toNanos()),
                        DhcpMessage.ACK, DhcpMessage.NAK);
                if (ack != null && ack.type() == DhcpMessage.NAK) {
                    throw new NoLeaseException("dhcp: " + iface + ": the server refused the offered address " + Ipv4.text(offer.yiaddr()) + " (NAK)");
                }
                if (ack != null) {
                    return lease(ack, "dhcp");
                }
            }
            throw new NoLeaseException("dhcp: no ACK on " + iface + " for " + Ipv4.text(offer.yiaddr()) + " after " + timeout.toSeconds() + " s");
        }
    }

    /** Renews {@code lease} in place (REQUEST with ciaddr, broadcast); the new lease, or a {@link NoLeaseException}. */
    public Lease renew(Lease lease) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int xid = RANDOM.nextInt();
        try (Socket s = new Socket(iface)) {
            while (System.nanoTime() < deadline) {
                s.send(DhcpMessage.request(DhcpMessage.REQUEST, xid, mac, lease.config().address().getAddress(), null, null));
                DhcpMessage ack = s.receive(xid, mac, Math.min(deadline, System.nanoTime() + MAX_RESEND.toNanos()), DhcpMessage.ACK, DhcpMessage.NAK);
                if (ack != null && ack.type() == DhcpMessage.NAK) {
                    throw new NoLeaseException("dhcp: " + iface + ": renewal of " + lease.config().address().getHostAddress() + " refused (NAK)");
                }
                if (ack != null) {
                    return lease(ack, "dhcp");
                }
            }
            throw new NoLeaseException("dhcp: no answer to the renewal on " + iface + " after " + timeout.toSeconds() + " s");
        }
    }

    private Lease lease(DhcpMessage ack, String source) {
        Inet4Address address = Ipv4.of(ack.yiaddr());
        Inet4Address mask = ack.address(DhcpMessage.OPT_SUBNET);
        int prefix = mask == null ? 24 : IpConfig.prefixOf(mask.getAddress());
        var routers = ack.addresses(DhcpMessage.OPT_ROUTER);
        byte[] domain = ack.options().get(DhcpMessage.OPT_DOMAIN);
        String domainText = domain == null ? null : new String(domain, StandardCharsets.US_ASCII).replace("\0", "").strip();
        if (domainText != null && !domainText.matches("[A-Za-z0-9.-]{1,253}")) {
            domainText = null; // not a name: never copy it into resolv.conf
        }
        IpConfig config = new IpConfig(iface, address, prefix, routers.isEmpty() ? null : routers.get(0), ack.addresses(DhcpMessage.OPT_DNS),
                domainText, source);
        return new Lease(config, ack.address(DhcpMessage.OPT_SERVER_ID), Duration.ofSeconds(ack.u32(DhcpMessage.OPT_LEASE_TIME, 3600)));
    }

    /** UDP port 68 on one device, through libc so SO_BINDTODEVICE can be set. */
    static final class Socket implements AutoCloseable {
        private final int fd;
        private final String iface;

        Socket(String iface) {
            this.iface = iface;
            this.fd = (int) Linux.check(Linux.libc().socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), "socket(AF_INET, SOCK_DGRAM)");
            try {
                setInt(SO_REUSEADDR, 1);
                setInt(SO_BROADCAST, 1);
                byte[] dev = (iface + "\0").getBytes(StandardCharsets.US_ASCII);
                Linux.check(Linux.libc().setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, dev, dev.length), "SO_BINDTODEVICE " + iface);
                byte[] tv = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putLong(0).putLong(200_000).array();
                Linux.check(Linux.libc().setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, tv, tv.length), "SO_RCVTIMEO");
                byte[] any = sockaddr(new byte[4], 68);
                Linux.check(Linux.libc().bind(fd, any, any.length), "bind 0.0.0.0:68 on " + iface);
            } catch (RuntimeException e) {
                Linux.libc().close(fd);
                throw e;
            }
        }

        void send(DhcpMessage m) {
            byte[] data = m.encode();
            byte[] to = sockaddr(new byte[] {-1, -1, -1, -1}, 67);
            Linux.check(Linux.libc().sendto(fd, data, data.length, 0, to, to.length), "sendto 255.255.255.255:67 on " + iface);
        }

        /** The first reply for {@code xid} and our MAC of one of {@code types}, or null at {@code deadlineNanos}. */
        DhcpMessage receive(int xid, byte[] mac, long deadlineNanos, int... types) {
            byte[] buf = new byte[1500];
            while (System.nanoTime() < deadlineNanos) {
                long n = Linux.libc().recv(fd, buf, buf.length, 0);
                if (n < 0) {
                    int e = Linux.errno();
                    if (e == EAGAIN || e == EINTR) {
                        continue;
                    }
                    Linux.check(n, "recv on " + iface);
                }
                DhcpMessage m = DhcpMessage.parse(buf, (int) n);
                if (m != null && m.op() == 2 && m.xid() == xid && Arrays.equals(m.chaddr(), mac)
                        && Arrays.stream(types).anyMatch(t -> t == m.type())) {
                    return m;
                }
            }
            return null;
        }

        private void setInt(int option, int value) {
            byte[] v = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
            Linux.check(Linux.libc().setsockopt(fd, SOL_SOCKET, option, v, v.length), "setsockopt " + option);
        }

        static byte[] sockaddr(byte[] address, int port) {
            byte[] sa = new byte[16];
            sa[0] = (byte) AF_INET; // sa_family, little-endian on x86-64
            sa[2] = (byte) (port >>> 8);
            sa[3] = (byte) port;
            System.arraycopy(address, 0, sa, 4, 4);
            return sa;
        }

        @Override
        public void close() {
            Linux.libc().close(fd);
        }
    }
}
