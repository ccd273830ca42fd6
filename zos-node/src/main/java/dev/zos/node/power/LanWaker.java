package dev.zos.node.power;

import dev.zos.core.power.MacAddress;
import dev.zos.core.power.MagicPacket;
import dev.zos.core.power.WakeOnLan;
import java.net.InetSocketAddress;
import java.util.List;

/** Sends a magic packet onto the node's LAN; {@link #wake} says where it went, for the log line. */
public interface LanWaker {
    String wake(MacAddress mac);

    /** UDP to fixed addresses (a test's receiver, or a farmer's chosen broadcast address). */
    static LanWaker to(List<InetSocketAddress> targets) {
        var wol = new WakeOnLan(targets);
        return mac -> {
            wol.send(mac);
            return wol.describe();
        };
    }

    /**
     * UDP port 9 to the directed broadcast of every LAN the node has an address on, looked up at each send (DHCP
     * may have changed it), else to 255.255.255.255.
     */
    static LanWaker system() {
        return mac -> {
            List<String> lans = WakeOnLan.lanBroadcasts();
            var wol = new WakeOnLan(WakeOnLan.targets(lans.isEmpty() ? List.of(WakeOnLan.LIMITED_BROADCAST) : lans,
                    MagicPacket.DISCARD_PORT));
            wol.send(mac);
            return wol.describe();
        };
    }

    /**
     * PID 1: what {@link #system()} sends, and the same payload as a bare Ethernet frame (ethertype 0x0842) out of
     * every LAN interface, as zos's {@code ether-wake} does; a frame that cannot be sent is named in the description.
     */
    static LanWaker pid1() {
        LanWaker udp = system();
        return mac -> {
            String where = udp.wake(mac);
            List<String> sent = new java.util.ArrayList<>();
            List<String> failed = new java.util.ArrayList<>();
            for (var nic : EthernetFrames.lanInterfaces(java.nio.file.Path.of("/sys/class/net"))) {
                try {
                    EthernetFrames.send(nic.name(), nic.index(), nic.mac(), mac);
                    sent.add(nic.name());
                } catch (RuntimeException e) {
                    failed.add(nic.name());
                }
            }
            return where + (sent.isEmpty() ? "" : " and 0x0842 frames on " + String.join(", ", sent))
                    + (failed.isEmpty() ? "" : " (no frame on " + String.join(", ", failed) + ")");
        };
    }
}
