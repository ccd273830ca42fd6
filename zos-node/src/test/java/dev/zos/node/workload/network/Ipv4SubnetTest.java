package dev.zos.node.workload.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import org.junit.jupiter.api.Test;

class Ipv4SubnetTest {

    @Test
    void dropsHostBitsAndNamesGatewayAndBroadcast() {
        Ipv4Subnet s = Ipv4Subnet.parse("10.20.3.77/24");
        assertThat(s).hasToString("10.20.3.0/24");
        assertThat(Ipv4Subnet.format(s.gateway())).isEqualTo("10.20.3.1");
        assertThat(Ipv4Subnet.format(s.broadcast())).isEqualTo("10.20.3.255");
    }

    @Test
    void containsAddressesAndSubnets() {
        Ipv4Subnet range = Ipv4Subnet.parse("10.20.0.0/16");
        assertThat(range.contains(Ipv4Subnet.parse("10.20.3.0/24"))).isTrue();
        assertThat(range.contains(Ipv4Subnet.parse("10.21.3.0/24"))).isFalse();
        assertThat(range.contains(Ipv4Subnet.parse("10.0.0.0/8"))).isFalse();
        assertThat(Ipv4Subnet.parse("0.0.0.0/0").contains(Ipv4Subnet.address("255.1.2.3"))).isTrue();
    }

    @Test
    void hostAddressesExcludeNetworkGatewayAndBroadcast() {
        Ipv4Subnet s = Ipv4Subnet.parse("192.168.1.0/24");
        assertThat(s.hostAddress(Ipv4Subnet.address("192.168.1.2"))).isTrue();
        assertThat(s.hostAddress(Ipv4Subnet.address("192.168.1.254"))).isTrue();
        assertThat(s.hostAddress(Ipv4Subnet.address("192.168.1.0"))).isFalse();
        assertThat(s.hostAddress(Ipv4Subnet.address("192.168.1.1"))).isFalse();
        assertThat(s.hostAddress(Ipv4Subnet.address("192.168.1.255"))).isFalse();
        assertThat(s.hostAddress(Ipv4Subnet.address("192.168.2.2"))).isFalse();
    }

    @Test
    void refusesWhatIsNotIpv4() {
        assertThatThrownBy(() -> Ipv4Subnet.parse("fd00::/64")).isInstanceOf(ZosException.class)
                .hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> Ipv4Subnet.parse("10.1.2.0")).hasMessageContaining("not a CIDR");
        assertThatThrownBy(() -> Ipv4Subnet.parse("10.1.2.0/33")).hasMessageContaining("/33");
        assertThatThrownBy(() -> Ipv4Subnet.address("10.1.2.256")).hasMessageContaining("10.1.2.256");
    }

    @Test
    void linkNamesFitTheKernelLimitAndAreStable() {
        String bridge = LinkNames.bridge("4294967295-18446744073709551615-a_very_long_network_name_of_36_chars");
        assertThat(bridge).hasSize(15).startsWith("zn").isEqualTo(LinkNames.bridge(
                "4294967295-18446744073709551615-a_very_long_network_name_of_36_chars"));
        assertThat(LinkNames.hostVeth("7-42-vm")).hasSize(15).startsWith("zv");
        assertThat(LinkNames.bridge("7-42-net")).isNotEqualTo(LinkNames.bridge("7-43-net"));
    }
}
