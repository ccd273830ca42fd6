package dev.zos.node.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.core.gridtypes.IpAddress;
import dev.zos.core.gridtypes.IpNet;
import dev.zos.core.gridtypes.Workload;
import dev.zos.core.gridtypes.workload.ComputeCapacity;
import dev.zos.core.gridtypes.workload.MachineInterface;
import dev.zos.core.gridtypes.workload.MachineNetwork;
import dev.zos.core.gridtypes.workload.Network;
import dev.zos.core.gridtypes.workload.ZMachine;
import dev.zos.core.gridtypes.workload.ZMount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The network and machine drivers rely on this order: a network is up before its machines and goes after them. */
class WorkloadOrderTest {

    @Test
    void networksComeBeforeMachinesAndGoAfterThem() {
        var nic = new MachineNetwork(null, false, null,
                List.of(new MachineInterface("net", IpAddress.parse("10.1.2.3"))));
        Workload vm = Workload.of("vm", new ZMachine("https://hub/x.fl", nic, 0, new ComputeCapacity(1, 1L << 30),
                List.of(), "/bin/true", Map.of(), false, List.of()));
        Workload disk = Workload.of("disk", new ZMount(1L << 30));
        Workload net = Workload.of("net", new Network(IpNet.parse("10.1.0.0/16"), IpNet.parse("10.1.2.0/24"), "k", 0,
                List.of(), null));

        assertThat(WorkloadRunner.inOrder(List.of(vm, disk, net), false)).extracting(Workload::name)
                .containsExactly("net", "disk", "vm");
        assertThat(WorkloadRunner.inOrder(List.of(net, vm, disk), true)).extracting(Workload::name)
                .containsExactly("vm", "disk", "net");
    }
}
