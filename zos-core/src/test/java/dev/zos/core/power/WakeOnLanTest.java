package dev.zos.core.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class WakeOnLanTest {
    static final MacAddress MAC = MacAddress.of("52:54:00:AB:cd:0F");

    @Test
    void aMacIsSixHexPairsOfACard() {
        assertThat(MAC.text()).isEqualTo("52:54:00:ab:cd:0f");
        assertThat(MacAddress.of("52-54-00-ab-cd-0f")).isEqualTo(MAC);
        assertThat(HexFormat.of().formatHex(MAC.bytes())).isEqualTo("525400abcd0f");
        for (String bad : new String[] {"", "52:54:00:ab:cd", "52:54:00:ab:cd:0f:11", "52:54-00:ab:cd:0f", "52:54:00:ab:cd:0g",
            "525400abcd0f", " 52:54:00:ab:cd:0f"}) {
            assertThatThrownBy(() -> MacAddress.of(bad)).isInstanceOf(ZosException.class)
                    .hasMessageContaining("six hex pairs").hasMessageContaining("'" + bad + "'");
        }
        assertThatThrownBy(() -> MacAddress.of("ff:ff:ff:ff:ff:ff")).hasMessageContaining("broadcast");
        assertThatThrownBy(() -> MacAddress.of("01:00:5e:00:00:01")).hasMessageContaining("multicast");
        assertThatThrownBy(() -> MacAddress.of("00:00:00:00:00:00")).hasMessageContaining("all zeros");
        assertThatThrownBy(() -> MacAddress.of(null)).hasMessageContaining("'null'");
    }

    @Test
    void thePayloadIsSixFfThenTheMacSixteenTimes() {
        byte[] p = new MagicPacket(MAC).payload();
        assertThat(p).hasSize(102);
        for (int i = 0; i < 6; i++) {
            assertThat(p[i]).isEqualTo((byte) 0xFF);
        }
        for (int i = 0; i < 16; i++) {
            assertThat(Arrays.copyOfRange(p, 6 + 6 * i, 12 + 6 * i)).isEqualTo(MAC.bytes());
        }
        assertThat(MagicPacket.parse(p, 0, p.length)).isEqualTo(MAC);
        p[50] ^= 1;
        assertThat(MagicPacket.parse(p, 0, p.length)).isNull();
        assertThat(MagicPacket.parse(p, 0, 101)).isNull();
    }

    @Test
    void theEthernetFrameIsABroadcastOfEthertype0842() {
        MacAddress source = MacAddress.of("02:00:00:00:00:01");
        byte[] f = new MagicPacket(MAC).ethernetFrame(source);
        assertThat(f).hasSize(116);
        assertThat(HexFormat.of().formatHex(f, 0, 14)).isEqualTo("ffffffffffff" + "020000000001" + "0842");
        assertThat(MagicPacket.parse(f, 14, f.length - 14)).isEqualTo(MAC);
        assertThat(MagicPacket.find(f, f.length)).as("a NIC finds it anywhere in the frame").isEqualTo(MAC);
        assertThat(MagicPacket.find(f, f.length - 1)).isNull();
        byte[] noise = new byte[300];
        java.util.Arrays.fill(noise, (byte) 0xFF);
        assertThat(MagicPacket.find(noise, noise.length)).isNull();
        System.arraycopy(new MagicPacket(MAC).payload(), 0, noise, 150, 102);
        assertThat(MagicPacket.find(noise, noise.length)).as("after a run of 0xFF").isEqualTo(MAC);
    }

    @Test
    void datagramsReachAReceiverByUnicastAndByBroadcast() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress("0.0.0.0", 0))) {
            receiver.setSoTimeout(5000);
            int port = receiver.getLocalPort();
            // 127.255.255.255 is loopback's broadcast: the send needs SO_BROADCAST, as a LAN broadcast does
            var wol = new WakeOnLan(WakeOnLan.targets(List.of("127.0.0.1", "127.255.255.255"), port));
            wol.send(MAC);
            for (int i = 0; i < 2; i++) {
                byte[] buf = new byte[200];
                var packet = new DatagramPacket(buf, buf.length);
                receiver.receive(packet);
                assertThat(packet.getLength()).isEqualTo(102);
                assertThat(MagicPacket.parse(buf, 0, packet.getLength())).isEqualTo(MAC);
            }
            assertThat(wol.describe()).isEqualTo("127.0.0.1:" + port + ", 127.255.255.255:" + port);
        }
    }

    @Test
    void badTargetsAreRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> WakeOnLan.targets(List.of("10.0.0.300"), 9)).hasMessageContaining("10.0.0.300").hasMessageContaining("255");
        assertThatThrownBy(() -> WakeOnLan.targets(List.of("lan.example"), 9)).hasMessageContaining("'lan.example'");
        assertThatThrownBy(() -> WakeOnLan.targets(List.of("10.0.0.255"), 0)).hasMessageContaining("port");
        assertThatThrownBy(() -> new WakeOnLan(List.of())).hasMessageContaining("at least one");
    }
}
