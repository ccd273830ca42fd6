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
}
