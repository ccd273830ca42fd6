package dev.zos.testkit;

import dev.zos.core.power.MacAddress;
import dev.zos.core.power.MagicPacket;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/** A real UDP socket (any address, a free port) standing in for a sleeping machine's NIC: collects the MACs of the magic packets it receives. */
public final class MagicPacketListener implements AutoCloseable {
    private final DatagramSocket socket;

    public MagicPacketListener() throws Exception {
        this(0);
    }

    /** On {@code port} of every address (9, the magic packets' usual port, needs root). */
    public MagicPacketListener(int port) throws Exception {
        socket = new DatagramSocket(null);
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress("0.0.0.0", port));
    }

    /** Waits up to {@code timeout} for the first magic packet, then returns it and any that follow it closely. */
    public List<MacAddress> awaitAny(java.time.Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            List<MacAddress> got = received(1000);
            if (!got.isEmpty()) {
                return got;
            }
        }
        return List.of();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** The MACs of the magic packets that arrive until nothing came for {@code quietMillis}. */
    public List<MacAddress> received(int quietMillis) throws Exception {
        List<MacAddress> out = new ArrayList<>();
        socket.setSoTimeout(quietMillis);
        byte[] buf = new byte[512];
        while (true) {
            var p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                return out;
            }
            MacAddress mac = MagicPacket.parse(buf, 0, p.getLength());
            if (mac != null) {
                out.add(mac);
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
