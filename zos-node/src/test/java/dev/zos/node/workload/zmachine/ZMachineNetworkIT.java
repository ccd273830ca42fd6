package dev.zos.node.workload.zmachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.ByteSize;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.IpAddress;
import dev.zos.core.gridtypes.IpNet;
import dev.zos.core.gridtypes.Workload;
import dev.zos.core.gridtypes.workload.ComputeCapacity;
import dev.zos.core.gridtypes.workload.MachineInterface;
import dev.zos.core.gridtypes.workload.MachineNetwork;
import dev.zos.core.gridtypes.workload.Network;
import dev.zos.core.gridtypes.workload.ZMachine;
import dev.zos.node.provision.NodeEnvironment;
import dev.zos.node.provision.WorkloadContext;
import dev.zos.node.provision.WorkloadDriver;
import dev.zos.node.workload.Deployments;
import dev.zos.node.workload.HostTools;
import dev.zos.node.workload.StandardDrivers;
import dev.zos.node.workload.host.MountTable;
import dev.zos.node.workload.host.ProcessRunner;
import dev.zos.node.workload.host.SystemProcessRunner;
import dev.zos.node.workload.network.LinkNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two busybox zmachines on one private network, through the real drivers: each gets eth0 with its address on the
 * network's bridge, they ping each other and the gateway, bad addresses are refused before anything is built,
 * and deleting everything leaves no bridge, veth or namespace. Needs root, runc, busybox-static, e2fsprogs and
 * iproute2.
 */
class ZMachineNetworkIT {
    private static final long MEMORY = 256 * ByteSize.MIB;
    private static final String BRIDGE = LinkNames.bridge("7-42-net");
    /** a retries until b is up: the driver starts machines one after the other. */
    private static final String PINGER = "/bin/sh -c 'for i in 1 2 3 4 5 6 7 8 9 10; do "
            + "ping -c1 -W2 10.40.1.3 && break; sleep 1; done; echo peer-done; ping -c1 -W2 10.40.1.1; "
            + "echo gateway-done; ip route; exec sleep 600'";

    @TempDir
    Path tmp;
    private final ProcessRunner runner = new SystemProcessRunner();
    private final MountTable table = new MountTable();
    private TestHub hub;
    private NodeEnvironment node;
    private Map<String, WorkloadDriver> drivers;

    @BeforeEach
    void setUp() throws Exception {
        HostTools.requireRoot();
        HostTools.requireTool("runc", "runc");
        HostTools.requireTool("mkfs.ext4", "e2fsprogs");
        HostTools.requireTool("ip", "iproute2");
        HostTools.requireTool("busybox", "busybox-static");
        node = Deployments.node(tmp.resolve("data"));
        drivers = new StandardDrivers(tmp.resolve("runc")).create().stream()
                .collect(Collectors.toMap(WorkloadDriver::type, Function.identity()));
        hub = new TestHub();
        BusyboxFlist.serve(hub, "/alice/busybox.fl", BusyboxFlist.pack(tmp, runner));
    }

    @AfterEach
    void tearDown() {
        if (hub != null) {
            hub.close();
        }
        if (node != null) {
            for (String vm : List.of("a", "b", "c")) {
                runner.run(List.of("runc", "--root", tmp.resolve("runc").toString(), "delete", "--force", "7-42-" + vm),
                        Duration.ofSeconds(20));
                runner.run(List.of("ip", "netns", "delete", "zos-7-42-" + vm), Duration.ofSeconds(10));
                runner.run(List.of("ip", "link", "delete", LinkNames.hostVeth("7-42-" + vm)), Duration.ofSeconds(10));
            }
            runner.run(List.of("ip", "link", "delete", BRIDGE), Duration.ofSeconds(10));
            runner.run(List.of("ip", "link", "delete", LinkNames.bridge("7-41-net")), Duration.ofSeconds(10));
            table.under(tmp).reversed().forEach(p -> runner.run(List.of("umount", "-l", p.toString()),
                    Duration.ofSeconds(10)));
        }
    }

    private ZMachine machine(String ip, String entrypoint) {
        var net = new MachineNetwork(null, false, null, List.of(new MachineInterface("net", IpAddress.parse(ip))));
        return new ZMachine(hub.url("/alice/busybox.fl").toString(), net, 0, new ComputeCapacity(1, MEMORY), List.of(),
                entrypoint, Map.of(), false, List.of());
    }

    private Deployment deployment(String ipOfC) {
        var net = new Network(IpNet.parse("10.40.0.0/16"), IpNet.parse("10.40.1.0/24"), "c2VjcmV0", 3011, List.of(),
                null);
        return Deployments.deployment(Workload.of("net", net),
                Workload.of("b", machine("10.40.1.3", "/bin/sh -c 'echo b-up; exec sleep 600'")),
                Workload.of("a", machine("10.40.1.2", PINGER)),
                Workload.of("c", machine(ipOfC, "/bin/sh -c 'exec sleep 600'")));
    }

    @Test
    void twoMachinesOnOneNetworkPingEachOtherAndLeaveNothingBehind() throws Exception {
        Deployment d = deployment("10.40.2.5");
        WorkloadContext net = Deployments.context(node, d, "net");
        WorkloadContext a = Deployments.context(node, d, "a");
        WorkloadContext b = Deployments.context(node, d, "b");
        WorkloadContext c = Deployments.context(node, d, "c");
        WorkloadDriver zmachine = drivers.get("zmachine");

        drivers.get("network").provision(net);
        assertThat(zmachine.provision(b).path("ip").asText()).isEqualTo("10.40.1.3");
        assertThat(zmachine.provision(a).path("ip").asText()).isEqualTo("10.40.1.2");

        String log = awaitLog(a, "gateway-done");
        assertThat(log).as("a reached b").containsPattern("--- 10\\.40\\.1\\.3 ping statistics ---\\s+"
                + "1 packets transmitted, 1 packets received, 0% packet loss");
        assertThat(log).as("a reached the gateway").containsPattern("--- 10\\.40\\.1\\.1 ping statistics ---\\s+"
                + "1 packets transmitted, 1 packets received");
        assertThat(log).as("default route via the gateway").contains("default via 10.40.1.1 dev eth0");
        assertThat(ip("-n", "zos-7-42-a", "-4", "-o", "addr", "show", "dev", "eth0")).contains("10.40.1.2/24");
        assertThat(ip("-o", "link", "show", "master", BRIDGE)).contains(LinkNames.hostVeth("7-42-a"))
                .contains(LinkNames.hostVeth("7-42-b"));

        assertThatThrownBy(() -> zmachine.provision(c)).isInstanceOf(ZosException.class).hasMessage(
                "zmachine c: data.network.interfaces[0].ip: 10.40.2.5 is not inside subnet 10.40.1.0/24"
                        + " of network net");
        WorkloadContext gatewayC = Deployments.context(node, deployment("10.40.1.1"), "c");
        assertThatThrownBy(() -> zmachine.provision(gatewayC)).isInstanceOf(ZosException.class).hasMessage(
                "zmachine c: data.network.interfaces[0].ip: 10.40.1.1 is the gateway of network net;"
                        + " use another address of 10.40.1.0/24");
        WorkloadContext takenC = Deployments.context(node, deployment("10.40.1.3"), "c");
        assertThatThrownBy(() -> zmachine.provision(takenC)).isInstanceOf(ZosException.class).hasMessage(
                "zmachine c: data.network.interfaces[0].ip: 10.40.1.3 of network net is already used by"
                        + " zmachine 7-42-b");
        zmachine.deprovision(takenC); // the engine deletes a failed workload: b keeps its address
        assertThat(ip("-n", "zos-7-42-b", "-4", "-o", "addr", "show", "dev", "eth0")).contains("10.40.1.3/24");
        assertThat(Path.of("/run/netns/zos-7-42-c")).as("refused before anything was built").doesNotExist();
        assertThat(node.driverDir("zmachine").resolve("machines/7-42-c")).doesNotExist();

        // the engine's teardown order: machines, then their network
        zmachine.deprovision(a);
        zmachine.deprovision(b);
        drivers.get("network").deprovision(net);
        for (String vm : List.of("a", "b")) {
            assertThat(Path.of("/run/netns/zos-7-42-" + vm)).doesNotExist();
            assertThat(linkExists(LinkNames.hostVeth("7-42-" + vm))).isFalse();
        }
        assertThat(linkExists(BRIDGE)).isFalse();
        assertThat(node.driverDir("network").resolve("resources/7-net.json")).doesNotExist();
        assertThat(node.driverDir("network").resolve("addresses/7-net")).doesNotExist();
        assertThat(table.under(tmp)).as("no mount left").isEmpty();
    }

    /** ThreeFold's clients deploy the network and the machines in separate contracts of the same twin. */
    @Test
    void aNetworkOfAnotherDeploymentIsFoundByNameAndOutlivesItsWorkloadWhileUsed() {
        var netData = new Network(IpNet.parse("10.41.0.0/16"), IpNet.parse("10.41.7.0/24"), "c2VjcmV0", 0, List.of(),
                null);
        Deployment nets = Deployment.create(Deployments.TWIN, List.of(Workload.of("net", netData))).withContractId(41);
        Deployment vms = Deployments.deployment(Workload.of("a", machine("10.41.7.20", "/bin/sh -c 'exec sleep 600'")),
                Workload.of("b", machine("10.41.7.21", "/bin/sh -c 'exec sleep 600'")));
        WorkloadContext net = Deployments.context(node, nets, "net");
        WorkloadContext a = Deployments.context(node, vms, "a");
        String bridge = LinkNames.bridge("7-41-net");

        drivers.get("network").provision(net);
        assertThat(drivers.get("zmachine").provision(a).path("ip").asText()).isEqualTo("10.41.7.20");
        assertThat(ip("-o", "link", "show", "master", bridge)).contains(LinkNames.hostVeth("7-42-a"));

        assertThatThrownBy(() -> drivers.get("network").deprovision(net)).isInstanceOf(ZosException.class)
                .hasMessageContaining("1 zmachine(s) still attached");
        assertThat(ip("-n", "zos-7-42-a", "-4", "-o", "addr", "show", "dev", "eth0")).as("a keeps its network")
                .contains("10.41.7.20/24");
        assertThatThrownBy(() -> drivers.get("zmachine").provision(Deployments.context(node, vms, "b")))
                .isInstanceOf(ZosException.class).hasMessageContaining("network 'net' was deleted");
        assertThat(Path.of("/run/netns/zos-7-42-b")).doesNotExist();

        drivers.get("zmachine").deprovision(a);
        assertThat(linkExists(bridge)).as("the last machine to leave removed the bridge").isFalse();
        assertThat(node.driverDir("network").resolve("resources/7-net.json")).doesNotExist();
        drivers.get("network").deprovision(net); // the engine may retry: nothing left
    }

    @Test
    void aMachineWhoseNetworkIsNotProvisionedIsRefused() {
        WorkloadContext a = Deployments.context(node, deployment("10.40.1.9"), "a");
        assertThatThrownBy(() -> drivers.get("zmachine").provision(a)).isInstanceOf(ZosException.class).hasMessage(
                "zmachine a: data.network.interfaces[0].network: network 'net' of twin 7 is not provisioned on"
                        + " this node; deploy it first");
        assertThat(Path.of("/run/netns/zos-7-42-a")).doesNotExist();
    }

    private String ip(String... args) {
        var command = new java.util.ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        return runner.check("ip", command, Duration.ofSeconds(10)).stdout();
    }

    private boolean linkExists(String link) {
        return runner.run(List.of("ip", "link", "show", "dev", link), Duration.ofSeconds(10)).exitCode() == 0;
    }

    private String awaitLog(WorkloadContext vm, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String log = "";
        while (System.nanoTime() < deadline) {
            log = drivers.get("zmachine").logs(vm, 0, 1 << 20).text();
            if (log.contains(text)) {
                return log;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("console log never showed '" + text + "': " + log);
    }
}
