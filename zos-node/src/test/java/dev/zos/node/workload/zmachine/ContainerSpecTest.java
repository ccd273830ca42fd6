package dev.zos.node.workload.zmachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.ByteSize;
import dev.zos.core.gridtypes.Workload;
import dev.zos.core.gridtypes.workload.ComputeCapacity;
import dev.zos.core.gridtypes.workload.MachineMount;
import dev.zos.core.gridtypes.workload.Zdb;
import dev.zos.core.gridtypes.workload.ZMachine;
import dev.zos.core.gridtypes.workload.ZMount;
import dev.zos.node.workload.Deployments;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerSpecTest {
    private static final long MEM = 256 * ByteSize.MIB;

    private static ZMachine vm(String flist, String entrypoint, Map<String, String> env, List<MachineMount> mounts,
                               int cpu, long memory) {
        return new ZMachine(flist, null, 0, new ComputeCapacity(cpu, memory), mounts, entrypoint, env, false, List.of());
    }

    private static ContainerSpec spec(ZMachine vm) {
        var d = Deployments.deployment(Workload.of("disk", new ZMount(ByteSize.GIB)), Workload.of("vm", vm),
                Workload.of("db", new Zdb(ByteSize.GIB, "user", "pw", false)));
        return ContainerSpec.from(Deployments.context(Deployments.node(Path.of("/nonexistent")), d, "vm"));
    }

    @Test
    void aValidMachineBecomesAContainerSpec() {
        ContainerSpec s = spec(vm("https://hub.example/alice/app.fl", "/bin/sh -c 'echo hi'", Map.of("A_1", "x=y"),
                List.of(new MachineMount("disk", "/data/")), 2, MEM));
        assertThat(s.containerId()).isEqualTo("7-42-vm");
        assertThat(s.args()).containsExactly("/bin/sh", "-c", "echo hi");
        assertThat(s.env()).containsEntry("A_1", "x=y");
        assertThat(ContainerSpec.target(s.mounts().getFirst())).isEqualTo("/data");
        assertThat(s.cpu()).isEqualTo(2);
        assertThat(s.memory()).isEqualTo(MEM);
        assertThat(s.rootSize()).isEqualTo(500 * ByteSize.MIB);
        assertThat(ContainerSpec.containerId("7-42-a b/c")).isEqualTo("7-42-a_b_c");
    }

    @Test
    void everyBadFieldIsNamed() {
        String ok = "http://hub/u/a.fl";
        List<MachineMount> none = List.of();
        expect(vm("ftp://hub/u/a.fl", "/x", Map.of(), none, 1, MEM), "data.flist: must be an http(s) URL");
        expect(vm("http://hub/u/a.tar", "/x", Map.of(), none, 1, MEM), "data.flist: must name a host and end in .fl");
        assertThat(spec(vm(ok, "  ", Map.of(), none, 1, MEM)).args()).as("the flist's own startup, read once mounted").isEmpty();
        expect(vm(ok, "sh -c 'x", Map.of(), none, 1, MEM), "unterminated single quote");
        expect(vm(ok, "/x", Map.of("1A", "v"), none, 1, MEM), "data.env: invalid variable name '1A'");
        expect(vm(ok, "/x", Map.of("A-B", "v"), none, 1, MEM), "invalid variable name 'A-B'");
        expect(vm(ok, "/x", Map.of(), none, 0, MEM), "data.compute_capacity.cpu: must be between 1 and 255");
        expect(vm(ok, "/x", Map.of(), none, 1, 100 * ByteSize.MIB), "data.compute_capacity.memory: must be at least 250 MiB");
        expect(vm(ok, "/x", Map.of(), List.of(new MachineMount("disk", "data")), 1, MEM),
                "data.mounts[0].mountpoint: must be an absolute path");
        expect(vm(ok, "/x", Map.of(), List.of(new MachineMount("disk", "/a/../../etc")), 1, MEM),
                "data.mounts[0].mountpoint: must not contain '.' or '..'");
        expect(vm(ok, "/x", Map.of(), List.of(new MachineMount("disk", "/")), 1, MEM), "cannot be the root directory");
        expect(vm(ok, "/x", Map.of(), List.of(new MachineMount("disk", "/proc/x")), 1, MEM), "/proc is reserved");
        expect(vm(ok, "/x", Map.of(), List.of(new MachineMount("nope", "/d")), 1, MEM),
                "data.mounts[0].name: 'nope' is not a workload of this deployment");
        expect(vm(ok, "/x", Map.of(), List.of(new MachineMount("db", "/d")), 1, MEM), "'db' is a zdb, not a zmount");
        expect(vm(ok, "/x", Map.of(), List.of(new MachineMount("disk", "/d"), new MachineMount("disk", "/e")), 1, MEM),
                "data.mounts[1].name: 'disk' is mounted twice");
        var d = Deployments.deployment(Workload.of("a", new ZMount(ByteSize.GIB)), Workload.of("b", new ZMount(ByteSize.GIB)),
                Workload.of("vm", vm(ok, "/x", Map.of(), List.of(new MachineMount("a", "/d"), new MachineMount("b", "/d/e")),
                        1, MEM)));
        assertThatThrownBy(() -> ContainerSpec.from(Deployments.context(Deployments.node(Path.of("/x")), d, "vm")))
                .hasMessageContaining("data.mounts[1].mountpoint: '/d/e' overlaps mount point '/d'");
    }

    private static void expect(ZMachine vm, String message) {
        assertThatThrownBy(() -> spec(vm)).isInstanceOf(ZosException.class)
                .hasMessageStartingWith("zmachine vm: ").hasMessageContaining(message)
                .extracting(e -> ((ZosException) e).kind()).isEqualTo(ZosException.Kind.INVALID);
    }
}
