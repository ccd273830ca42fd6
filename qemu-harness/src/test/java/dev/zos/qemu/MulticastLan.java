package dev.zos.qemu;

import dev.zos.core.power.MacAddress;
import dev.zos.core.power.MagicPacket;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.MulticastSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A LAN between VMs: QEMU's {@code -netdev socket,mcast=GROUP:PORT} sends every Ethernet frame of the NICs on it as
 * one UDP datagram to a multicast group. Joining the group, the harness sees every frame on that LAN, like a sleeping
 * machine's NIC does, and records the MACs of the magic packets in them.
 */
final class MulticastLan implements AutoCloseable {
    final String group = "230.0.0." + ThreadLocalRandom.current().nextInt(2, 250);
    final int port = ThreadLocalRandom.current().nextInt(20000, 60000);
    private final MulticastSocket socket;
    private final List<MacAddress> magic = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Thread reader;

    @SuppressWarnings("deprecation") // joinGroup(InetAddress): the default interface is what QEMU uses too
    MulticastLan() throws IOException {
        socket = new MulticastSocket(port);
        socket.joinGroup(InetAddress.getByName(group));
        reader = new Thread(() -> {
            byte[] buf = new byte[65536];
            while (!socket.isClosed()) {
                try {
                    var p = new DatagramPacket(buf, buf.length);
                    socket.receive(p);
                    MacAddress mac = MagicPacket.find(buf, p.getLength());
                    if (mac != null) {
                        magic.add(mac);
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }, "mcast-lan");
        reader.setDaemon(true);
        reader.start();
    }

    /** QEMU's arguments for one NIC with {@code mac} on this LAN. */
    List<String> nic(String id, String mac) {
        return List.of("-netdev", "socket,id=" + id + ",mcast=" + group + ":" + port, "-device", "virtio-net-pci,netdev=" + id + ",mac=" + mac);
    }

    /** The MACs of the magic packets seen so far. */
    List<MacAddress> magicPackets() {
        return List.copyOf(magic);
    }

    @Override
    public void close() {
        socket.close();
    }
}
