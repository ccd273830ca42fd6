package dev.zos.node.boot.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DhcpMessageTest {
    static final byte[] MAC = {0x52, 0x54, 0, 0x12, 0x34, 0x56};

    @Test
    void aDiscoverIsABroadcastBootRequestOfAtLeast300Bytes() {
        byte[] wire = DhcpMessage.request(DhcpMessage.DISCOVER, 0x1234abcd, MAC, null, null, null).encode();
        assertThat(wire.length).isGreaterThanOrEqualTo(300);
        assertThat(wire[0]).isEqualTo((byte) 1);
        assertThat(wire[10] & 0xff).isEqualTo(0x80); // broadcast flag
        assertThat(Arrays.copyOfRange(wire, 236, 240)).containsExactly(99, 130, 83, 99);
        DhcpMessage back = DhcpMessage.parse(wire, wire.length);
        assertThat(back.xid()).isEqualTo(0x1234abcd);
        assertThat(back.type()).isEqualTo(DhcpMessage.DISCOVER);
        assertThat(back.chaddr()).containsExactly(MAC);
        assertThat(back.options().get(DhcpMessage.OPT_CLIENT_ID)).containsExactly(1, 0x52, 0x54, 0, 0x12, 0x34, 0x56);
    }

    @Test
    void aRequestCarriesTheOfferedAddressAndServer() {
        byte[] wire = DhcpMessage.request(DhcpMessage.REQUEST, 7, MAC, null, new byte[] {10, 0, 2, 15}, new byte[] {10, 0, 2, 2}).encode();
        DhcpMessage back = DhcpMessage.parse(wire, wire.length);
        assertThat(back.address(DhcpMessage.OPT_REQUESTED_IP).getHostAddress()).isEqualTo("10.0.2.15");
        assertThat(back.address(DhcpMessage.OPT_SERVER_ID).getHostAddress()).isEqualTo("10.0.2.2");
    }

    @Test
    void shortForeignOrTruncatedDatagramsAreIgnored() {
        byte[] wire = DhcpMessage.request(DhcpMessage.DISCOVER, 7, MAC, null, null, null).encode();
        assertThat(DhcpMessage.parse(wire, 100)).isNull();
        byte[] noCookie = wire.clone();
        noCookie[236] = 0;
        assertThat(DhcpMessage.parse(noCookie, noCookie.length)).isNull();
        byte[] longOption = Arrays.copyOf(wire, 243);
        longOption[240] = 12;
        longOption[241] = (byte) 200; // says 200 bytes, 1 left
        assertThat(DhcpMessage.parse(longOption, longOption.length)).isNull();
    }
}
