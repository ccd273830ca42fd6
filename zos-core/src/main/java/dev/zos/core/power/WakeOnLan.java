package dev.zos.core.power;

import dev.zos.core.ZosException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Sends magic packets as UDP datagrams to broadcast addresses (port 9 by default). A sleeping machine has no IP
 * address, so the datagram must reach its LAN segment as a broadcast: either the limited broadcast
 * {@code 255.255.255.255} (leaves through the default route's interface) or a subnet's directed broadcast
 * ({@code 192.168.1.255}); {@link #lanBroadcasts()} lists the directed broadcasts of this machine's interfaces.
 * <pre>{@code
 * new WakeOnLan(WakeOnLan.targets(List.of("192.168.1.255"), 9)).send(MacAddress.of("52:54:00:12:34:56"));
 * }</pre>
 */
public final class WakeOnLan {
    public static final String LIMITED_BROADCAST = "255.255.255.255";

    private final List<InetSocketAddress> targets;

    public WakeOnLan(List<InetSocketAddress> targets) {
        if (targets.isEmpty()) {
            throw ZosException.invalid("Wake-on-LAN needs at least one broadcast address to send to");
        }
        this.targets = List.copyOf(targets);
    }

    /** Where each packet goes. */
    public List<InetSocketAddress> targets() {
        return targets;
    }

    /** {@code addresses} (IPv4 literals, validated) at {@code port}. */
    public static List<InetSocketAddress> targets(List<String> addresses, int port) {
        if (port < 1 || port > 65535) {
            throw ZosException.invalid("Wake-on-LAN port must be 1 to 65535, got " + port);
        }
        List<InetSocketAddress> out = new ArrayList<>();
        for (String a : addresses) {
            out.add(new InetSocketAddress(ipv4(a), port));
        }
        return out;
    }

    /** An IPv4 literal (no name lookup), or a clear error naming it. */
    public static InetAddress ipv4(String text) {
        if (text == null || !text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw ZosException.invalid("broadcast address must be an IPv4 address like 192.168.1.255, got '" + text + "'");
        }
        try {
            for (String part : text.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    throw ZosException.invalid("broadcast address " + text + " has a part above 255");
                }
            }
            return InetAddress.getByName(text); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw ZosException.invalid("broadcast address " + text + " is not an IPv4 address");
        }
    }

    /** The directed broadcast address of every IPv4 subnet on this machine's up, non-loopback interfaces. */
    public static List<String> lanBroadcasts() {
        Set<String> out = new LinkedHashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InterfaceAddress a : nic.getInterfaceAddresses()) {
                    if (a.getAddress() instanceof Inet4Address && a.getBroadcast() != null) {
                        out.add(a.getBroadcast().getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            return List.of();
        }
        return List.copyOf(out);
    }

    /** Sends one magic packet for {@code mac} to every target; fails naming the target that refused it. */
    public void send(MacAddress mac) {
        byte[] payload = new MagicPacket(mac).payload();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setBroadcast(true);
            for (InetSocketAddress t : targets) {
                try {
                    socket.send(new DatagramPacket(payload, payload.length, t));
                } catch (IOException e) {
                    throw ZosException.unavailable("cannot send the Wake-on-LAN packet for " + mac + " to "
                            + t.getAddress().getHostAddress() + ":" + t.getPort() + ": " + e.getMessage(), e);
                }
            }
        } catch (SocketException e) {
            throw ZosException.unavailable("cannot open a UDP socket for Wake-on-LAN: " + e.getMessage(), e);
        }
    }

    /** Where the packets go, for log lines: {@code 192.168.1.255:9, 255.255.255.255:9}. */
    public String describe() {
        return String.join(", ", targets.stream().map(t -> t.getAddress().getHostAddress() + ":" + t.getPort()).toList());
    }
}
