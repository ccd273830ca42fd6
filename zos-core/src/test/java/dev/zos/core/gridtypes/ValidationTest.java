package dev.zos.core.gridtypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.json.GridJson;
import dev.zos.core.gridtypes.workload.ComputeCapacity;
import dev.zos.core.gridtypes.workload.GatewayFqdnProxy;
import dev.zos.core.gridtypes.workload.GatewayNameProxy;
import dev.zos.core.gridtypes.workload.MachineInterface;
import dev.zos.core.gridtypes.workload.MachineNetwork;
import dev.zos.core.gridtypes.workload.Mycelium;
import dev.zos.core.gridtypes.workload.MyceliumIp;
import dev.zos.core.gridtypes.workload.Network;
import dev.zos.core.gridtypes.workload.PublicIp;
import dev.zos.core.gridtypes.workload.Volume;
import dev.zos.core.gridtypes.workload.ZLogs;
import dev.zos.core.gridtypes.workload.ZMachine;
import dev.zos.core.gridtypes.workload.ZMount;
import dev.zos.core.gridtypes.workload.Zdb;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class ValidationTest {

    private static AbstractThrowableAssert<?, ? extends Throwable> rejects(Deployment d) {
        return assertThatThrownBy(d::validate).isInstanceOf(ZosException.class)
                .satisfies(e -> assertThat(((ZosException) e).kind()).isEqualTo(ZosException.Kind.INVALID));
    }

    private static Deployment with(Workload... workloads) {
        return Deployment.create(1, List.of(workloads));
    }

    private static Deployment everyTypeWith(String name, WorkloadData data) {
        var list = new ArrayList<Workload>();
        for (var w : Samples.everyType().workloads()) {
            list.add(w.name().equals(name) ? Workload.of(name, data) : w);
        }
        return Samples.everyType().withWorkloads(list);
    }

    private static ZMachine vm(int cpu, long memory, long size) {
        var z = Samples.zmachine();
        return new ZMachine(z.flist(), z.network(), size, new ComputeCapacity(cpu, memory), z.mounts(), z.entrypoint(), z.env(), false, z.gpu());
    }

    private static ZMachine vmNetwork(MachineNetwork network) {
        var z = Samples.zmachine();
        return new ZMachine(z.flist(), network, 0, z.computeCapacity(), z.mounts(), z.entrypoint(), z.env(), false, z.gpu());
    }

    @Test
    void theSampleIsValid() {
        assertThatCode(() -> Samples.everyType().validate()).doesNotThrowAnyException();
        assertThat(Samples.everyType().capacity()).isEqualTo(new Capacity(2, 2 * ByteSize.GIB,
                10 * ByteSize.GIB + ByteSize.GIB + 500 * ByteSize.MIB, 5 * ByteSize.GIB, 2));
    }

    @Test
    void namesFollowZosRules() {
        assertThatCode(() -> with(Workload.of("a".repeat(36), new ZMount(1))).validate()).doesNotThrowAnyException();
        rejects(with(Workload.of("a".repeat(37), new ZMount(1))))
                .hasMessage("workloads[0].name: name '" + "a".repeat(37) + "' is 37 characters, at most 36 allowed");
        rejects(with(Workload.of("", new ZMount(1)))).hasMessage("workloads[0].name: name cannot be empty");
        rejects(with(Workload.of("my-disk", new ZMount(1))))
                .hasMessage("workloads[0].name: name 'my-disk' may only contain letters, digits and '_'");
        rejects(with(Workload.of("ygg", new ZMount(1)))).hasMessage("workloads[0].name: name 'ygg' is reserved");
        rejects(with(Workload.of("d", new ZMount(1)), Workload.of("d", new Volume(1))))
                .hasMessage("workloads[1].name: another workload is already named 'd'");
    }

    @Test
    void versionsAndTwinIds() {
        rejects(with(Workload.of("d", new ZMount(1)).withVersion(1)))
                .hasMessage("workloads[0].version: workload version 1 cannot be higher than the deployment version 0");
        rejects(new Deployment(0, 1L << 32, 0, "", "", 0, null, List.of()))
                .hasMessage("twin_id: must be between 0 and 4294967295, got 4294967296");
        rejects(new Deployment(-1, 1, 0, "", "", 0, null, List.of())).hasMessageStartingWith("version: ");
    }

    @Test
    void sizesMustBePositive() {
        rejects(with(Workload.of("d", new ZMount(-1)))).hasMessage("workloads[0].data.size: must be greater than 0, got -1");
        rejects(with(Workload.of("d", new Volume(0)))).hasMessage("workloads[0].data.size: must be greater than 0, got 0");
        rejects(with(Workload.of("d", new Zdb(0, "user", "", false)))).hasMessageStartingWith("workloads[0].data.size:");
        rejects(with(Workload.of("d", new Zdb(1, "fast", "", false))))
                .hasMessage("workloads[0].data.mode: unknown mode 'fast'; known: user, seq");
    }

    @Test
    void zmachineLimits() {
        rejects(everyTypeWith("vm1", vm(2, 250 * ByteSize.MIB - 1, 0)))
                .hasMessageStartingWith("workloads[6].data.compute_capacity.memory: must be at least 250 MiB");
        rejects(everyTypeWith("vm1", vm(0, ByteSize.GIB, 0)))
                .hasMessage("workloads[6].data.compute_capacity.cpu: must be between 1 and 255, got 0");
        rejects(everyTypeWith("vm1", vm(256, ByteSize.GIB, 0))).hasMessageContaining("compute_capacity.cpu");
        rejects(everyTypeWith("vm1", vm(1, ByteSize.GIB, -5))).hasMessage("workloads[6].data.size: must not be negative, got -5");
        // below 8 GiB of cpu x memory the minimum root is 500 MiB; from there on 2 GiB
        assertThatCode(() -> everyTypeWith("vm1", vm(1, 4 * ByteSize.GIB, 500 * ByteSize.MIB)).validate()).doesNotThrowAnyException();
        rejects(everyTypeWith("vm1", vm(1, 4 * ByteSize.GIB, 500 * ByteSize.MIB - 1)))
                .hasMessageContaining("workloads[6].data.size: must be 0 (for the minimum) or at least 500 MiB");
        rejects(everyTypeWith("vm1", vm(2, 4 * ByteSize.GIB, ByteSize.GIB)))
                .hasMessageContaining("at least 2 GiB (2147483648 bytes)");
        assertThat(vm(2, 4 * ByteSize.GIB, 0).capacity().sru()).isEqualTo(2 * ByteSize.GIB);
        assertThat(vm(1, 250 * ByteSize.MIB, 0).rootSize()).isEqualTo(500 * ByteSize.MIB);
        assertThat(vm(1, 8 * ByteSize.GIB, 0).rootSize()).isEqualTo(2 * ByteSize.GIB);
    }

    @Test
    void zmachineNetworkRules() {
        var inf = List.of(new MachineInterface("net1", IpAddress.parse("10.20.2.5")));
        rejects(everyTypeWith("vm1", vmNetwork(new MachineNetwork("", false, null, List.of()))))
                .hasMessage("workloads[6].data.network.interfaces: exactly one private network interface is supported, got 0");
        rejects(everyTypeWith("vm1", vmNetwork(new MachineNetwork("", false, null, List.of(new MachineInterface("ygg", IpAddress.parse("10.0.0.1")))))))
                .hasMessage("workloads[6].data.network.interfaces[0].network: 'ygg' is a reserved network name");
        rejects(everyTypeWith("vm1", vmNetwork(new MachineNetwork("", false, null, List.of(new MachineInterface("n", null))))))
                .hasMessage("workloads[6].data.network.interfaces[0].ip: cannot be empty");
        rejects(everyTypeWith("vm1", vmNetwork(new MachineNetwork("nope", false, null, inf))))
                .hasMessage("workloads[6].data.network.public_ip: no workload named 'nope' in this deployment");
        rejects(everyTypeWith("vm1", vmNetwork(new MachineNetwork("disk1", false, null, inf))))
                .hasMessage("workloads[6].data.network.public_ip: workload 'disk1' is not a public ip (type zmount)");
        rejects(everyTypeWith("vm1", vmNetwork(new MachineNetwork("", false, new MyceliumIp("net1", HexBytes.parse("0102")), inf))))
                .hasMessage("workloads[6].data.network.mycelium.hex_seed: must be 6 bytes (12 hex digits), got 2");
        var two = new ArrayList<>(Samples.everyType().workloads());
        two.add(Workload.of("vm2", Samples.zmachine()));
        rejects(Samples.everyType().withWorkloads(two))
                .hasMessage("workloads[6].data.network.public_ip: public ip 'pubip' is assigned to 2 zmachines");
    }

    @Test
    void otherTypesRules() {
        rejects(with(Workload.of("ip", new PublicIp(false, false))))
                .hasMessage("workloads[0].data: a public ip workload must select v4, v6 or both");
        var n = Samples.network();
        rejects(with(Workload.of("n", new Network(n.ipRange(), IpNet.NONE, "k", 1, List.of(), null))))
                .hasMessage("workloads[0].data.subnet: cannot be empty");
        rejects(with(Workload.of("n", new Network(n.ipRange(), n.subnet(), "k", 70000, List.of(), null))))
                .hasMessage("workloads[0].data.wireguard_listen_port: must be between 0 and 65535, got 70000");
        rejects(with(Workload.of("n", new Network(n.ipRange(), n.subnet(), "k", 1, List.of(), new Mycelium(HexBytes.parse("00"), List.of())))))
                .hasMessage("workloads[0].data.mycelium.hex_key: must be 32 bytes (64 hex digits), got 1");
        rejects(with(Workload.of("g", new GatewayNameProxy(false, List.of("http://1.2.3.4"), null, "a.b"))))
                .hasMessage("workloads[0].data.name: name 'a.b' may only contain letters, digits, '-' and '_'");
        rejects(with(Workload.of("g", new GatewayNameProxy(false, List.of("https://1.2.3.4"), null, "ab"))))
                .hasMessage("workloads[0].data.backends[0]: 'https://1.2.3.4': scheme must be http");
        rejects(with(Workload.of("g", new GatewayNameProxy(false, List.of("http://127.0.0.1:80"), null, "ab"))))
                .hasMessageContaining("workloads[0].data.backends[0]: 'http://127.0.0.1:80' has an invalid ip address");
        rejects(with(Workload.of("g", new GatewayNameProxy(false, List.of("http://example.com"), null, "ab"))))
                .hasMessageContaining("backends[0]");
        rejects(with(Workload.of("g", new GatewayFqdnProxy(true, List.of("1.2.3.4"), null, "a.example.com"))))
                .hasMessageContaining("workloads[0].data.backends[0]: '1.2.3.4' must be ip:port");
        rejects(with(Workload.of("g", new GatewayFqdnProxy(true, List.of("[::1]:99999"), null, "a.example.com"))))
                .hasMessageContaining("invalid port '99999'");
        assertThatCode(() -> with(Workload.of("g", new GatewayFqdnProxy(true, List.of("[2001:db8::1]:443"), null, "a.example.com"))).validate())
                .doesNotThrowAnyException();
        rejects(with(Workload.of("g", new GatewayFqdnProxy(true, List.of(), null, "localhost"))))
                .hasMessage("workloads[0].data.fqdn: 'localhost' is not a valid domain name");
        rejects(with(Workload.of("l", new ZLogs("vm", "redis://x"))))
                .hasMessage("workloads[0].data.zmachine: no zmachine named 'vm' in this deployment");
        rejects(everyTypeWith("logs1", new ZLogs("vm1", "ftp://x")))
                .hasMessageContaining("workloads[9].data.output: scheme 'ftp' is not supported");
    }

    @Test
    void signatureRequirementRules() {
        var d = Samples.everyType();
        rejects(d.withSignatureRequirement(new SignatureRequirement(List.of(), 1, List.of(), "fancy")))
                .hasMessageStartingWith("signature_requirement.signature_style: unknown signature style 'fancy'");
        rejects(d.withSignatureRequirement(new SignatureRequirement(List.of(new SignatureRequest(1, true, -1)), 1, List.of(), "")))
                .hasMessage("signature_requirement.requests[0].weight: must not be negative, got -1");
    }

    private static void rejectsJson(String json, String message) {
        assertThatThrownBy(() -> GridJson.fromJson(json).validate()).isInstanceOf(ZosException.class).hasMessageContaining(message);
    }

    @Test
    void badJsonIsNamedByField() {
        rejectsJson("{\"workloads\":[{\"name\":\"q\",\"type\":\"qsfs\",\"data\":{}}]}",
                "workloads[0].type: unknown workload type 'qsfs'; known types: zmount, volume, zdb, ip, ipv4, network, zmachine, gateway-name-proxy, gateway-fqdn-proxy, zlogs");
        rejectsJson("{\"workloads\":[{\"name\":\"q\",\"data\":{}}]}", "workloads[0].type: missing");
        rejectsJson("{\"workloads\":[{\"name\":\"q\",\"type\":\"zmount\"}]}", "workloads[0].data: missing");
        rejectsJson("{\"workloads\":[{\"name\":\"q\",\"type\":\"zmachine\",\"data\":{\"network\":{\"interfaces\":[{\"ip\":\"10.0.0.256\"}]}}}]}",
                "workloads[0].data.network.interfaces[0].ip: not an IP address: '10.0.0.256'");
        rejectsJson("{\"workloads\":[{\"name\":\"q\",\"type\":\"network\",\"data\":{\"ip_range\":\"10.0.0.0\"}}]}",
                "workloads[0].data.ip_range: not a CIDR (address/prefix): '10.0.0.0'");
        rejectsJson("{\"workloads\":[{\"name\":\"q\",\"type\":\"zmount\",\"data\":{\"size\":1.5}}]}", "workloads[0].data.size");
        rejectsJson("{\"version\":\"1\"}", "version");
        rejectsJson("{\"workloads\":[{\"name\":\"q\",\"type\":\"ip\",\"data\":{\"v4\":\"yes\"}}]}", "workloads[0].data.v4");
        rejectsJson("{\"workloads\":[{\"name\":\"q\",\"type\":\"zmount\",\"data\":{\"size\":1},\"result\":{\"state\":\"done\"}}]}",
                "workloads[0].result.state: unknown state 'done'");
        rejectsJson("{\"workloads\":[null]}", "workloads[0]: null is not allowed here");
        rejectsJson("[]", "deployment JSON");
        rejectsJson("{\"twin_id\":1} trailing", "deployment JSON");
    }
}
