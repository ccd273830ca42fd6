package dev.zos.farmer.power;

import dev.zos.core.power.MagicPacket;
import dev.zos.core.power.WakeOnLan;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --wol [--broadcast ADDR]... [--wol-port N]}: magic packets from this machine, for a farmer on the nodes' LAN. */
public final class WakeOnLanOptions {
    @Option(names = "--wol", description = "Also send a Wake-on-LAN magic packet from this machine to every registered MAC of"
            + " each node powered on that is not up (this machine must be on the nodes' LAN).")
    boolean wol;

    @Option(names = "--broadcast", paramLabel = "ADDR", description = "IPv4 broadcast address for the magic packets; repeatable"
            + " (default: the directed broadcast of each of this machine's LANs, else 255.255.255.255).")
    List<String> broadcasts;

    @Option(names = "--wol-port", paramLabel = "PORT", defaultValue = "" + MagicPacket.DISCARD_PORT,
            description = "UDP port of the magic packets (default: ${DEFAULT-VALUE}).")
    int port;

    /** Whether {@code --wol} (or {@code --broadcast}, which implies it) was given. */
    public boolean requested() {
        return wol || broadcasts != null && !broadcasts.isEmpty();
    }

    /** The sender, validated, or empty without {@code --wol}. */
    public Optional<WakeOnLan> sender() {
        if (!requested()) {
            return Optional.empty();
        }
        List<String> to = broadcasts != null && !broadcasts.isEmpty() ? broadcasts : WakeOnLan.lanBroadcasts();
        return Optional.of(new WakeOnLan(WakeOnLan.targets(to.isEmpty() ? List.of(WakeOnLan.LIMITED_BROADCAST) : to, port)));
    }
}
