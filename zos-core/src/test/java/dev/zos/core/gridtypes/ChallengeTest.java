package dev.zos.core.gridtypes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.core.gridtypes.workload.ComputeCapacity;
import dev.zos.core.gridtypes.workload.GatewayFqdnProxy;
import dev.zos.core.gridtypes.workload.GatewayNameProxy;
import dev.zos.core.gridtypes.workload.MachineInterface;
import dev.zos.core.gridtypes.workload.MachineNetwork;
import dev.zos.core.gridtypes.workload.Network;
import dev.zos.core.gridtypes.workload.NetworkPeer;
import dev.zos.core.gridtypes.workload.PublicIp;
import dev.zos.core.gridtypes.workload.PublicIpV4;
import dev.zos.core.gridtypes.workload.Volume;
import dev.zos.core.gridtypes.workload.ZLogs;
import dev.zos.core.gridtypes.workload.ZMachine;
import dev.zos.core.gridtypes.workload.ZMount;
import dev.zos.core.gridtypes.workload.Zdb;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Challenge text per type, written out literally after zos's Go Challenge(io.Writer) methods:
 * %d decimal, %t true/false, %s raw, %x lowercase hex, IPNet.String(), env sorted, no separators.
 * Hashes were checked independently with {@code printf '%s' '<text>' | md5sum} (GNU coreutils).
 */
class ChallengeTest {

    private static String of(WorkloadData data) {
        var c = new Challenge();
        data.challenge(c);
        return c.text();
    }

    @Test
    void zmountAndVolumeWriteTheirSize() {
        assertThat(of(new ZMount(10 * ByteSize.GIB))).isEqualTo("10737418240");
        assertThat(of(new Volume(1024))).isEqualTo("1024");
    }

    @Test
    void zdbWritesSizeModePasswordPublic() {
        assertThat(of(new Zdb(5 * ByteSize.GIB, "user", "secret", true))).isEqualTo("5368709120usersecrettrue");
        assertThat(of(new Zdb(1, "seq", "", false))).isEqualTo("1seqfalse");
    }

    @Test
    void ipWritesBothFlagsAndLegacyIpv4WritesNothing() {
        assertThat(of(new PublicIp(true, false))).isEqualTo("truefalse");
        assertThat(of(new PublicIp(false, true))).isEqualTo("falsetrue");
        assertThat(of(new PublicIpV4())).isEmpty();
    }

    @Test
    void networkWritesRangeSubnetKeyPortPeersThenMycelium() {
        assertThat(of(Samples.network())).isEqualTo(
                "10.20.0.0/16" + "10.20.2.0/24" + "cHJpdmF0ZQ==" + "3011"
                        // peer: public key, endpoint, subnet, allowed ips (not the JSON order)
                        + "cHVibGlj" + "203.0.113.7:3012" + "10.20.3.0/24" + "10.20.3.0/24" + "100.64.20.3/32"
                        + Samples.MYCELIUM_KEY);
    }

    @Test
    void networkWithoutMyceliumAndWithEmptyCidrsFollowsGoPrinting() {
        var n = new Network(IpNet.parse("10.1.2.3/16"), IpNet.NONE, "k", 0,
                List.of(new NetworkPeer(IpNet.parse("2001:DB8:0:0::0/64"), "pk", List.of(IpNet.parse("::ffff:10.0.0.1/120")), "")),
                null);
        // Go keeps host bits, prints a zero IPNet as <nil>, compresses IPv6 and shows mapped IPv4 as IPv4
        assertThat(of(n)).isEqualTo("10.1.2.3/16" + "<nil>" + "k" + "0" + "pk" + "" + "2001:db8::/64" + "10.0.0.1/24");
    }

    @Test
    void zmachineWritesEveryFieldInGoOrder() {
        assertThat(of(Samples.zmachine())).isEqualTo(
                "https://hub.grid.tf/tf-official-apps/base:latest.flist"
                        + "pubip" + "true" + "net1" + "10.20.2.5" + "net1" + "0a0b0c0d0e0f"
                        + "0" + "2" + "2147483648"
                        + "disk1" + "/data"
                        + "/sbin/zinit init"
                        + "A=1" + "B=2" + "SSH_KEY=ssh-ed25519 AAAA");
    }

    @Test
    void zmachineHashesGpusAndUppercaseHexAsLowercaseButNotCorex() {
        var vm = new ZMachine("f", new MachineNetwork("", false,
                new dev.zos.core.gridtypes.workload.MyceliumIp("n", HexBytes.parse("ABCDEF012345")),
                List.of(new MachineInterface("n", IpAddress.parse("fd00:0:0:1::5")))),
                ByteSize.GIB, new ComputeCapacity(1, 512 * ByteSize.MIB), List.of(), "",
                Map.of("z", "", "Z", "x"), true, List.of("0000:28:00.0/1002/731f", "0000:29:00.0/1002/731f"));
        assertThat(of(vm)).isEqualTo("f" + "" + "false" + "n" + "fd00:0:0:1::5" + "n" + "abcdef012345"
                + "1073741824" + "1" + "536870912" + "" + "Z=x" + "z=" + "0000:28:00.0/1002/731f0000:29:00.0/1002/731f");
        var noCorex = new ZMachine(vm.flist(), vm.network(), vm.size(), vm.computeCapacity(), vm.mounts(),
                vm.entrypoint(), vm.env(), false, vm.gpu());
        assertThat(of(noCorex)).isEqualTo(of(vm));
    }

    @Test
    void zmachineWithoutNetworkDataWritesNilForTheEmptyIp() {
        var vm = new ZMachine("f", new MachineNetwork("", false, null, List.of(new MachineInterface("n", null))),
                0, new ComputeCapacity(1, ByteSize.GIB), null, null, null, false, null);
        assertThat(of(vm)).isEqualTo("f" + "false" + "n" + "<nil>" + "0" + "1" + "1073741824");
    }

    @Test
    void gatewaysWriteNameOrFqdnFlagBackendsThenNetworkWhenSet() {
        assertThat(of(new GatewayNameProxy(false, List.of("http://10.0.0.1:80", "http://10.0.0.2"), "net1", "app")))
                .isEqualTo("app" + "false" + "http://10.0.0.1:80" + "http://10.0.0.2" + "net1");
        assertThat(of(new GatewayNameProxy(true, List.of("1.2.3.4:443"), null, "app")))
                .isEqualTo("app" + "true" + "1.2.3.4:443");
        assertThat(of(new GatewayFqdnProxy(true, List.of("1.2.3.4:443"), "n", "a.example.com")))
                .isEqualTo("a.example.com" + "true" + "1.2.3.4:443" + "n");
    }

    @Test
    void zlogsWritesZmachineAndOutput() {
        assertThat(of(new ZLogs("vm1", "redis://10.0.0.1:6379"))).isEqualTo("vm1redis://10.0.0.1:6379");
    }

    @Test
    void deploymentWritesHeaderWorkloadsThenRequirementButNotContractOrSignatures() {
        var d = Deployment.create(7, List.of(Workload.of("d1", new ZMount(1024))));
        // version twin metadata description expiration | wl: version type metadata description size (no name, as in Go) | req: twin required weight | weight_required style
        assertThat(d.challenge().text()).isEqualTo("0" + "7" + "" + "" + "0" + "0zmount" + "1024" + "7true1" + "1");
        // printf '%s' '0700zmount10247true11' | md5sum
        assertThat(d.challengeHashHex()).isEqualTo("a4284f85f7c98d2855808fdd439ae832");
        assertThat(d.challenge().parts()).containsExactly(
                Map.entry("deployment", "070"), Map.entry("workloads[0] d1", "0zmount1024"),
                Map.entry("signature_requirement", "7true11"));
        assertThat(d.withContractId(991).challengeHashHex()).isEqualTo("a4284f85f7c98d2855808fdd439ae832");
        var signed = dev.zos.core.gridtypes.sign.DeploymentSigner.sign(d, 7, Samples.key(1));
        assertThat(signed.challengeHashHex()).isEqualTo("a4284f85f7c98d2855808fdd439ae832");
    }

    @Test
    void polkaWalletStyleIsPartOfTheChallenge() {
        var d = Deployment.create(7, List.of(Workload.of("d1", new ZMount(1024))));
        var polka = d.withSignatureRequirement(new SignatureRequirement(d.signatureRequirement().requests(), 1,
                List.of(), SignatureRequirement.STYLE_POLKA_WALLET));
        assertThat(polka.challenge().text()).isEqualTo("0700zmount10247true11polka-wallet");
        // printf '%s' '0700zmount10247true11polka-wallet' | md5sum
        assertThat(polka.challengeHashHex()).isEqualTo("1d066cf9c379f2792cf8aadc6660d00e");
    }

    @Test
    void headerFieldsUseGoFormattingIncludingNegativeExpiration() {
        var vm = new ZMachine("flist", new MachineNetwork("", false, null,
                List.of(new MachineInterface("n1", IpAddress.parse("2001:0db8:0000:0000:0000:0000:0000:1001")))),
                0, new ComputeCapacity(1, 0), List.of(), "", Map.of("cpu", "1", "mem", "[0-9]"), false, List.of());
        var d = new Deployment(3, 1, 5, "meta", " desc", -5,
                new SignatureRequirement(List.of(), 0, List.of(), ""), List.of(Workload.of("vm", vm)));
        assertThat(d.challenge().text()).isEqualTo(
                "3" + "1" + "meta" + " desc" + "-5" + "0" + "zmachine" + "flist" + "" + "false" + "n1" + "2001:db8::1001"
                        + "0" + "1" + "0" + "" + "cpu=1" + "mem=[0-9]" + "0");
        // printf '%s' '31meta desc-50zmachineflistfalsen12001:db8::1001010cpu=1mem=[0-9]0' | md5sum -> cc247275bb79a9d6f3a5667f928c2a98
        assertThat(d.challengeHashHex()).isEqualTo(HASH_HEADER_CASE);
    }

    static final String HASH_HEADER_CASE = "cc247275bb79a9d6f3a5667f928c2a98";

    @Test
    void everyTypeDeploymentMatchesIndependentMd5() {
        var d = Samples.everyType();
        assertThat(d.challenge().text()).startsWith("042{\"type\":\"vm\"}every type" + "00network");
        assertThat(d.challenge().text()).endsWith("0zlogsvm1wss://logs.example.com/vm1" + "42true1" + "1");
        // printf '%s' "$(challenge text printed by the test)" | md5sum
        assertThat(d.challengeHashHex()).isEqualTo("4b77a799cbc01ea02bcfdce73bced8c4");
    }
}
