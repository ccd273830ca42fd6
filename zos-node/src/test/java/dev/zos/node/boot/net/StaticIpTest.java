package dev.zos.node.boot.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StaticIpTest {

    @Test
    void cidrFormWithGatewayOnTheFirstNic() {
        IpConfig c = StaticIp.parse("192.168.1.10/24::192.168.1.1", "eth0").orElseThrow();
        assertThat(c.describe()).isEqualTo("net: eth0 192.168.1.10/24 gateway 192.168.1.1 dns none (static)");
    }

    @Test
    void kernelFormWithNetmaskDeviceAndDns() {
        IpConfig c = StaticIp.parse("10.1.2.3::10.1.0.1:255.255.0.0:node1:eth1:off:1.1.1.1:9.9.9.9", "eth0").orElseThrow();
        assertThat(c.iface()).isEqualTo("eth1");
        assertThat(c.prefix()).isEqualTo(16);
        assertThat(c.describe()).isEqualTo("net: eth1 10.1.2.3/16 gateway 10.1.0.1 dns 1.1.1.1,9.9.9.9 (static)");
    }

    @Test
    void dhcpWordsAndAbsenceMeanDhcp() {
        assertThat(StaticIp.parse(null, "eth0")).isEmpty();
        assertThat(StaticIp.parse("dhcp", "eth0")).isEmpty();
        assertThat(StaticIp.parse("off", "eth0")).isEmpty();
    }

    @Test
    void badValuesNameTheBadPart() {
        assertThatThrownBy(() -> StaticIp.parse("10.0.0.300/24", "eth0")).hasMessageContaining("'10.0.0.300' is not an IPv4 address");
        assertThatThrownBy(() -> StaticIp.parse("10.0.0.3/33", "eth0")).hasMessageContaining("prefix '33'");
        assertThatThrownBy(() -> StaticIp.parse("10.0.0.3::gw.example", "eth0")).hasMessageContaining("ip= gateway 'gw.example'");
        assertThatThrownBy(() -> StaticIp.parse("10.0.0.3::10.0.0.1:255.0.255.0", "eth0")).hasMessageContaining("not contiguous");
        assertThatThrownBy(() -> StaticIp.parse(":::", "eth0")).hasMessageContaining("no address");
        assertThatThrownBy(() -> StaticIp.parse("10.0.0.3/24", null)).hasMessageContaining("no device");
    }
}
