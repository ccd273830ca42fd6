package dev.zos.core.gridtypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.gridtypes.json.GridJson;
import dev.zos.core.gridtypes.workload.WorkloadTypes;
import dev.zos.core.ZosException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sizes, IP text as Go prints it, hex bytes and the workload type registry. */
class ValuesTest {

    @ParameterizedTest
    @CsvSource({
            "1024, 1024", "0, 0", "2GiB, 2147483648", "512MiB, 536870912", "1TiB, 1099511627776", "500MB, 500000000",
            "1 kB, 1000", "1KB, 1000", "3KiB, 3072", "1.5GiB, 1610612736", "7B, 7", "2 GB, 2000000000", "1TB, 1000000000000"})
    void sizesHaveBinaryAndDecimalUnits(String text, long bytes) {
        assertThat(ByteSize.parse(text)).isEqualTo(bytes);
    }

    @Test
    void badSizesSayWhy() {
        assertThatThrownBy(() -> ByteSize.parse("2gib")).hasMessageContaining("unknown unit 'gib'");
        assertThatThrownBy(() -> ByteSize.parse("1.1B")).hasMessageContaining("not a whole number of bytes");
        assertThatThrownBy(() -> ByteSize.parse("-1")).hasMessageContaining("invalid size '-1'");
        assertThat(ByteSize.format(250 * ByteSize.MIB)).isEqualTo("250 MiB");
        assertThat(ByteSize.format(1000)).isEqualTo("1000 B");
    }

    @ParameterizedTest
    @CsvSource({
            "10.0.0.1, 10.0.0.1",
            "::, ::",
            "0:0:0:0:0:0:0:1, ::1",
            "2001:DB8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "2001:0db8::, 2001:db8::",
            "fe80::0:0:1:0, fe80::1:0",
            "::ffff:192.0.2.1, 192.0.2.1",
            "::192.0.2.1, ::c000:201",
            "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8"})
    void addressesPrintAsGoDoes(String in, String out) {
        assertThat(IpAddress.parse(in).text()).isEqualTo(out);
    }

    @ParameterizedTest
    @CsvSource({"010.0.0.1", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1:2", "1::2::3", "fe80::1%eth0", "example.com", "1:2:3:4:5:6:7:8:9"})
    void badAddressesAreRefusedWithoutLookups(String in) {
        assertThatThrownBy(() -> IpAddress.parse(in)).isInstanceOf(ZosException.class).hasMessageContaining(in);
    }

    @ParameterizedTest
    @CsvSource({"10.1.2.3/16, 10.1.2.3/16", "10.0.0.0/08, 10.0.0.0/8", "2001:DB8::/32, 2001:db8::/32", "::ffff:10.0.0.0/104, 10.0.0.0/8"})
    void cidrsPrintAsGoDoes(String in, String out) {
        assertThat(IpNet.parse(in).text()).isEqualTo(out);
    }

    @Test
    void badCidrs() {
        assertThatThrownBy(() -> IpNet.parse("10.0.0.0/33")).hasMessageContaining("prefix /33 is too long");
        assertThatThrownBy(() -> IpNet.parse("10.0.0.0/-1")).hasMessageContaining("not a CIDR");
        assertThat(IpNet.NONE.challengeText()).isEqualTo("<nil>");
    }

    @Test
    void hexBytesAcceptUpperCaseAndWriteLowerCase() {
        assertThat(HexBytes.parse("0011CCFF").hex()).isEqualTo("0011ccff");
        assertThat(GridJson.toJson(HexBytes.parse("0011ccff"))).isEqualTo("\"0011ccff\"");
        assertThatThrownBy(() -> HexBytes.parse("abc")).hasMessageContaining("not a hex string");
    }

    @Test
    void registryKnowsEveryTypeAndNamesTheUnknown() {
        assertThat(WorkloadTypes.names()).containsExactly("zmount", "volume", "zdb", "ip", "ipv4", "network", "zmachine",
                "gateway-name-proxy", "gateway-fqdn-proxy", "zlogs");
        for (String type : WorkloadTypes.names()) {
            var data = GridJson.json().convertValue(java.util.Map.of(), WorkloadTypes.dataClass(type));
            assertThat(data.type()).isEqualTo(type);
        }
        assertThatThrownBy(() -> WorkloadTypes.dataClass("kubernetes")).isInstanceOf(ZosException.class)
                .hasMessage("unknown workload type 'kubernetes'; known types: zmount, volume, zdb, ip, ipv4, network, "
                        + "zmachine, gateway-name-proxy, gateway-fqdn-proxy, zlogs");
    }
}
