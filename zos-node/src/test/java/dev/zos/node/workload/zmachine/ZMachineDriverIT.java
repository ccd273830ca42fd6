package dev.zos.node.workload.zmachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.ByteSize;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.Workload;
import dev.zos.core.gridtypes.workload.ComputeCapacity;
import dev.zos.core.gridtypes.workload.MachineMount;
import dev.zos.core.gridtypes.workload.ZMachine;
import dev.zos.core.gridtypes.workload.ZMount;
import dev.zos.node.provision.NodeEnvironment;
import dev.zos.node.provision.WorkloadContext;
import dev.zos.node.provision.WorkloadDriver;
import dev.zos.node.workload.Deployments;
import dev.zos.node.workload.HostTools;
import dev.zos.node.workload.StandardDrivers;
import dev.zos.node.workload.host.MountTable;
import dev.zos.node.workload.host.ProcessRunner;
import dev.zos.node.workload.host.SystemProcessRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A busybox container from an flist served by a hub on loopback, run by real runc with a real zmount: output in
 * the console log, a file on the volume, the memory limit in its cgroup, its own PID namespace, adoption and
 * restart, and nothing left behind. Needs root, runc, busybox-static, e2fsprogs and iproute2.
 */
class ZMachineDriverIT {
    private static final long MEMORY = 256 * ByteSize.MIB;
    private static final String ENTRYPOINT = "/bin/sh -c 'echo \"hello from $GREETING\"; echo pid=$$; "
            + "echo stored > /data/out.txt; exec sleep 600'";

    @TempDir
    Path tmp;
    private final ProcessRunner runner = new SystemProcessRunner();
    private final MountTable table = new MountTable();
    private TestHub hub;
    private NodeEnvironment node;
    private Runc runc;
    private Map<String, WorkloadDriver> drivers;

    @BeforeEach
    void setUp() throws Exception {
        HostTools.requireRoot();
        HostTools.requireTool("runc", "runc");
        HostTools.requireTool("mkfs.ext4", "e2fsprogs");
        HostTools.requireTool("ip", "iproute2");
        HostTools.requireTool("busybox", "busybox-static");
        node = Deployments.node(tmp.resolve("data"));
        runc = new Runc(runner, "runc", tmp.resolve("runc"));
        drivers = restartedAgent();
        hub = new TestHub();
        BusyboxFlist.serve(hub, "/alice/busybox.fl", BusyboxFlist.pack(tmp, runner));
    }

    @AfterEach
    void tearDown() {
        if (hub != null) {
            hub.close();
        }
        if (node != null) {
            runner.run(List.of("runc", "--root", tmp.resolve("runc").toString(), "delete", "--force", "7-42-vm"),
                    Duration.ofSeconds(20));
            runner.run(List.of("ip", "netns", "delete", "zos-7-42-vm"), Duration.ofSeconds(10));
            table.under(tmp).reversed().forEach(p -> runner.run(List.of("umount", "-l", p.toString()),
                    Duration.ofSeconds(10)));
        }
    }

    /** Fresh driver instances, as after an agent restart: all they know is on disk and in runc's state. */
    private Map<String, WorkloadDriver> restartedAgent() {
        return new StandardDrivers(tmp.resolve("runc")).create().stream()
                .collect(Collectors.toMap(WorkloadDriver::type, Function.identity()));
    }

    private Deployment deployment(String flistPath) {
        ZMachine vm = new ZMachine(hub.url(flistPath).toString(), null, 0, new ComputeCapacity(1, MEMORY),
                List.of(new MachineMount("data", "/data")), ENTRYPOINT, Map.of("GREETING", "the container"), false,
                List.of());
        return Deployments.deployment(Workload.of("data", new ZMount(64 * ByteSize.MIB)), Workload.of("vm", vm));
    }

    private String log(WorkloadContext vm) {
        return drivers.get("zmachine").logs(vm, 0, 1 << 20).text();
    }

    private String awaitLog(WorkloadContext vm, String text, int times) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String log = log(vm);
            if (log.split(java.util.regex.Pattern.quote(text), -1).length - 1 >= times) {
                return log;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("console log never showed '" + text + "' " + times + " time(s): " + log(vm));
    }

    @Test
    void aBusyboxContainerRunsWithItsLimitsAndLeavesNothingBehind() throws Exception {
        Deployment d = deployment("/alice/busybox.fl");
        WorkloadContext disk = Deployments.context(node, d, "data");
        WorkloadContext vm = Deployments.context(node, d, "vm");
        drivers.get("zmount").provision(disk);

        var result = drivers.get("zmachine").provision(vm);
        assertThat(result.path("id").asText()).isEqualTo("7-42-vm");
        if (FuseLower.available()) {
            assertThat(table.entries()).as("the root flist is FUSE-mounted, not unpacked")
                    .anyMatch(m -> m.fsType().equals("fuse.g8ufs") && m.mountPoint().startsWith(node.driverDir("zmachine")));
            assertThat(node.driverDir("zmachine").resolve("lower")).doesNotExist();
        }

        String log = awaitLog(vm, "pid=1", 1);
        assertThat(log).contains("hello from the container").as("own PID namespace: the entrypoint is PID 1")
                .contains("pid=1");
        Path out = node.driverDir("zmount").resolve("mnt/7-42-data/out.txt");
        awaitFile(out);
        assertThat(Files.readString(out)).isEqualTo("stored\n");

        Runc.State state = runc.state("7-42-vm").orElseThrow();
        assertThat(state.status()).isEqualTo("running");
        assertThat(Files.readSymbolicLink(Path.of("/proc/" + state.pid() + "/ns/pid")))
                .isNotEqualTo(Files.readSymbolicLink(Path.of("/proc/self/ns/pid")));
        assertThat(memoryLimit(state.pid())).isEqualTo(MEMORY);
        assertThat(cgroupV1(state.pid(), "cpu", "cpu.cfs_quota_us")).as("one core's worth of CPU time")
                .isIn(Optional.empty(), Optional.of("100000"));

        drivers = restartedAgent();
        drivers.get("zmachine").provision(vm);
        assertThat(runc.state("7-42-vm").orElseThrow().pid()).as("adopted, not restarted").isEqualTo(state.pid());

        runner.check("kill", List.of("runc", "--root", tmp.resolve("runc").toString(), "kill", "7-42-vm", "KILL"),
                Duration.ofSeconds(10));
        awaitStatus("stopped");
        drivers = restartedAgent();
        drivers.get("zmachine").provision(vm);
        assertThat(runc.state("7-42-vm").orElseThrow().status()).isEqualTo("running");
        awaitLog(vm, "hello from the container", 2);

        drivers.get("zmachine").deprovision(vm);
        drivers.get("zmount").deprovision(disk);
        assertThat(runc.state("7-42-vm")).isEmpty();
        assertThat(table.under(tmp)).as("no mount left").isEmpty();
        assertThat(runner.run(List.of("losetup", "-a"), Duration.ofSeconds(10)).stdout()).doesNotContain(tmp.toString());
        assertThat(Path.of("/run/netns/zos-7-42-vm")).doesNotExist();
        assertThat(node.driverDir("zmachine").resolve("machines/7-42-vm")).doesNotExist();
        drivers.get("zmachine").deprovision(vm); // again: nothing to do
    }

    @Test
    void withoutAnEntrypointTheFlistsOwnStartupRuns() throws Exception {
        ZMachine vm = new ZMachine(hub.url("/alice/busybox.fl").toString(), null, 0, new ComputeCapacity(1, MEMORY),
                List.of(), "", Map.of(), false, List.of());
        WorkloadContext ctx = Deployments.context(node, Deployments.deployment(Workload.of("vm", vm)), "vm");
        drivers.get("zmachine").provision(ctx);
        assertThat(awaitLog(ctx, "started by the flist", 1)).contains("started by the flist in /tmp as its own startup");
        drivers.get("zmachine").deprovision(ctx);
        assertThat(runc.state("7-42-vm")).isEmpty();
    }

    @Test
    void anFlistWhoseMd5DiffersIsRefusedAndLeavesNothing() throws Exception {
        hub.put("/alice/bad.fl", hub.files("/alice/busybox.fl"));
        hub.put("/alice/bad.fl.md5", "00000000000000000000000000000000\n".getBytes(StandardCharsets.UTF_8));
        Deployment d = deployment("/alice/bad.fl");
        drivers.get("zmount").provision(Deployments.context(node, d, "data"));
        WorkloadContext vm = Deployments.context(node, d, "vm");

        assertThatThrownBy(() -> drivers.get("zmachine").provision(vm)).isInstanceOf(ZosException.class)
                .hasMessageContaining("md5 mismatch: the hub says 00000000000000000000000000000000");
        assertThat(runc.state("7-42-vm")).isEmpty();
        assertThat(table.under(tmp)).isEmpty();
        assertThat(node.driverDir("zmachine").resolve("machines/7-42-vm")).doesNotExist();
    }

    private void awaitStatus(String status) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Optional<Runc.State> s = runc.state("7-42-vm");
            if (s.isPresent() && s.get().status().equals(status)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("container never reached " + status + ": " + runc.state("7-42-vm"));
    }

    private static void awaitFile(Path p) throws InterruptedException {
        for (int i = 0; i < 100 && !Files.isRegularFile(p); i++) {
            Thread.sleep(100);
        }
    }

    /** A v1 controller's file for {@code pid}'s cgroup; empty on a cgroup v2 host. */
    private static Optional<String> cgroupV1(long pid, String controller, String file) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))) {
            String[] f = line.split(":", 3);
            if (List.of(f[1].split(",")).contains(controller)) {
                Path dir = Path.of("/sys/fs/cgroup/" + controller + f[2]);
                return Optional.of(Files.readString(dir.resolve(file)).strip());
            }
        }
        return Optional.empty();
    }

    /** The memory limit of the cgroup {@code pid} is in: v1 memory controller or v2 unified. */
    private static long memoryLimit(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))) {
            String[] f = line.split(":", 3);
            if (f[1].equals("memory")) {
                return Long.parseLong(Files.readString(Path.of("/sys/fs/cgroup/memory" + f[2], "memory.limit_in_bytes")).strip());
            }
        }
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))) {
            if (line.startsWith("0::")) {
                return Long.parseLong(Files.readString(Path.of("/sys/fs/cgroup" + line.substring(3), "memory.max")).strip());
            }
        }
        throw new AssertionError("no memory cgroup for pid " + pid);
    }
}
