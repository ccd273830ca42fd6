package dev.zos.node.power;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.core.power.MacAddress;
import dev.zos.core.power.MagicPacket;
import dev.zos.node.boot.linux.Linux;
import dev.zos.node.workload.HostTools;
import java.net.NetworkInterface;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Raw 0x0842 frames over a real veth pair: sent out of one end, read from the other by an AF_PACKET socket. Needs root. */
class EthernetFramesTest {
    static final String TAG = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
    final String a = "zwa" + TAG;
    final String b = "zwb" + TAG;

    @AfterEach
    void removeVeth() throws Exception {
        new ProcessBuilder("ip", "link", "del", a).start().waitFor();
    }

    static void ip(String... args) throws Exception {
        var cmd = new java.util.ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
    }

    @Test
    void aMagicFrameLeavesOneEndOfAVethPairAndArrivesAtTheOther() throws Exception {
        HostTools.requireRoot();
        HostTools.requireTool("ip", "iproute2");
        ip("link", "add", a, "address", "02:00:00:00:aa:01", "type", "veth", "peer", "name", b, "address", "02:00:00:00:aa:02");
        ip("link", "set", a, "up");
        ip("link", "set", b, "up");
        // up without an address (java.net.NetworkInterface would not list them): still LAN NICs for the frames
        assertThat(EthernetFrames.lanInterfaces(java.nio.file.Path.of("/sys/class/net")))
                .contains(new EthernetFrames.Nic(a, NetworkInterface.getByName(a).getIndex(), MacAddress.of("02:00:00:00:aa:01")))
                .noneMatch(n -> n.name().equals("lo"));
        int proto = Short.toUnsignedInt(Short.reverseBytes((short) MagicPacket.ETHERTYPE));
        int fd = (int) Linux.check(Linux.libc().socket(Linux.AF_PACKET, Linux.SOCK_RAW | Linux.SOCK_CLOEXEC, proto), "socket");
        try {
            byte[] bindTo = EthernetFrames.linkAddress(NetworkInterface.getByName(b).getIndex());
            Linux.check(Linux.libc().bind(fd, bindTo, bindTo.length), "bind " + b);
            byte[] tv = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putLong(3).putLong(0).array();
            Linux.check(Linux.libc().setsockopt(fd, Linux.SOL_SOCKET, Linux.SO_RCVTIMEO, tv, tv.length), "SO_RCVTIMEO");

            MacAddress sleeper = MacAddress.of("52:54:00:12:34:99");
            EthernetFrames.send(a, NetworkInterface.getByName(a).getIndex(), MacAddress.of("02:00:00:00:aa:01"), sleeper);
            byte[] buf = new byte[1600];
            long n = Linux.check(Linux.libc().recv(fd, buf, buf.length, 0), "recv on " + b);
            assertThat(n).isEqualTo(14 + MagicPacket.PAYLOAD_LENGTH);
            assertThat(HexFormat.of().formatHex(buf, 0, 14)).isEqualTo("ffffffffffff" + "02000000aa01" + "0842");
            assertThat(MagicPacket.parse(buf, 14, (int) n - 14)).isEqualTo(sleeper);
        } finally {
            Linux.libc().close(fd);
        }
    }
}
