package dev.zos.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.core.power.MacAddress;
import dev.zos.core.registry.client.GridNode;
import dev.zos.core.registry.client.NodeQuery;
import dev.zos.core.registry.model.Power;
import dev.zos.core.registry.tx.TransactionBuilder;
import dev.zos.grid.testing.TestGrid;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power management end to end on two QEMU nodes of one farm. The farmer powers node B off through the registry: B
 * reports power state down and powers its machine off (reboot(2) RB_POWER_OFF as PID 1; QEMU runs with
 * {@code -no-shutdown}, so QMP shows the SHUTDOWN event and the VM waits). The farmer sets B's target up again: node A,
 * the farm's waker, sends a magic packet for B's MACs on its LANs. Besides QEMU's user network (eth0, to reach the
 * grid), each VM has a second NIC (eth1) on a LAN shared by the VMs ({@code -netdev socket,mcast=…}); the test sees
 * every frame on that LAN and, on a magic packet for one of B's MACs, does what a Wake-on-LAN NIC would: QMP
 * system_reset and cont. B boots, keeps its node id and reports power state up. Needs qemu-system-x86 and the packaged
 * zos-node and zos-imagegen.
 */
class WakeOnLanIT {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path LOGS = Path.of("target/qemu-logs").toAbsolutePath();
    static final String[] MACS = {"52:54:00:77:00:01", "52:54:00:77:00:02"};
    static final String[] LAN_MACS = {"52:54:00:78:00:01", "52:54:00:78:00:02"};

    @TempDir
    static Path tmp;
    static Path image;
    static TestGrid grid;
    static TransactionBuilder farmer;
    static long farm;
    static URI guestGrid;

    @BeforeAll
    static void buildImage() throws Exception {
        Path imagegen = ROOT.resolve("zos-imagegen/target/zos-imagegen.jar");
        Path agent = ROOT.resolve("zos-node/target");
        assertThat(imagegen).as("build zos-imagegen first: ./mvnw -pl zos-imagegen,zos-node -am package -DskipTests").isRegularFile();
        assertThat(agent.resolve("zos-node.jar")).as("build zos-node first").isRegularFile();
        grid = TestGrid.start(Duration.ofMinutes(40)); // as the nodes' uptime reports: they stay up for the whole test
        farmer = grid.newTwin();
        farm = grid.client().submit(farmer.farmCreate("wol_farm", 1, List.of())).id();
        guestGrid = URI.create(grid.url().replace("127.0.0.1", "10.0.2.2"));
        image = tmp.resolve("kernel");
        Path key = tmp.resolve("release.key");
        BootKernelIT.run(List.of(BootKernelIT.java(), "-jar", imagegen.toString(), "key", "new", key.toString()));
        BootKernelIT.run(List.of(BootKernelIT.java(), "-jar", imagegen.toString(), "build", "--farm", Long.toString(farm), "--grid",
                guestGrid.toString(), "--runmode", "dev", "--console", "ttyS0", "--release-key", key.toString(), "--agent",
                agent.toString(), "-o", image.toString()));
    }

    @AfterAll
    static void stopGrid() throws Exception {
        if (grid != null) {
            grid.close();
        }
    }

    /** One VM with a QMP socket, halting instead of exiting when its guest powers off. */
    record Vm(String name, List<MacAddress> macs, Process process, Path console, Qmp qmp) implements AutoCloseable {
        String log() {
            try {
                return Files.exists(console) ? Files.readString(console, StandardCharsets.ISO_8859_1) : "";
            } catch (IOException e) {
                return "";
            }
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            if (qmp != null) {
                qmp.close();
            }
        }
    }

    static Vm launch(int i, Path work, MulticastLan lan) throws Exception {
        BootImage img = BootImage.of(image);
        Path dir = Files.createDirectories(work.resolve("node-" + i));
        Path disk = dir.resolve("disk.qcow2");
        Process img2 = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", disk.toString(), "1G").inheritIO().start();
        assertThat(img2.waitFor()).isZero();
        String g = guestGrid.toString().replaceAll("/+$", "");
        String append = img.cmdline() + " no_timer_check zos-grid=" + g + " registry=" + g;
        var config = new QemuConfig("zos-wol-" + i, QemuCluster.qemuBinary(), BootMode.KERNEL,
                Vmlinux.extract(img.vmlinuz(), work.resolve("vmlinux-cache")), img.initramfs(), append, img.path(), null, 1024, 1,
                QemuCluster.kvmAvailable(), List.of(disk), dir.resolve("console.log"), null, null, MACS[i - 1], List.of(), false);
        List<String> argv = new ArrayList<>(QemuArgs.of(config));
        Path qmpSocket = dir.resolve("qmp.sock");
        argv.addAll(lan.nic("lan", LAN_MACS[i - 1]));
        argv.addAll(List.of("-qmp", "unix:" + qmpSocket + ",server=on,wait=off", "-no-shutdown"));
        Files.writeString(dir.resolve("qemu.args"), String.join("\n", argv) + "\n");
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(dir.resolve("qemu.out").toFile()).start();
        return new Vm(config.name(), List.of(MacAddress.of(MACS[i - 1]), MacAddress.of(LAN_MACS[i - 1])), p, config.serialLog(), Qmp.connect(qmpSocket, Duration.ofSeconds(30)));
    }

    static void await(BooleanSupplier done, Duration timeout, String what, List<Vm> vms) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                StringBuilder tails = new StringBuilder();
                for (Vm vm : vms) {
                    String[] lines = vm.log().replace("\r", "").split("\n");
                    tails.append("\n--- ").append(vm.name()).append(":\n")
                            .append(String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 15), lines.length)));
                }
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting until " + what + tails);
            }
            Thread.sleep(500);
        }
    }

    GridNode nodeWithMac(MacAddress mac) {
        return grid.client().nodes(NodeQuery.builder().farmIds(List.of(farm)).build()).items().stream()
                .filter(n -> n.macAddresses().contains(mac)).findFirst().orElse(null);
    }

    @Test
    void aNodePoweredOffThroughTheRegistryIsWokenByItsNeighbourAndComesBackUp() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        List<Vm> vms = new ArrayList<>();
        boolean ok = false;
        try (var lan = new MulticastLan()) {
            vms.add(launch(1, work, lan));
            vms.add(launch(2, work, lan));
            Pattern serving = Pattern.compile("zos-node: serving over the relay");
            long start = System.nanoTime();
            await(() -> vms.stream().allMatch(v -> serving.matcher(v.log()).find()), Duration.ofMinutes(12), "both nodes serve", vms);
            System.out.printf("both nodes registered and serving after %.0f s%n", (System.nanoTime() - start) / 1e9);
            GridNode n1 = nodeWithMac(vms.get(0).macs().get(0));
            GridNode n2 = nodeWithMac(vms.get(1).macs().get(0));
            assertThat(n1).isNotNull();
            assertThat(n2).isNotNull();
            // the farm's waker is the lowest node id that is up: the other one is put to sleep
            Vm sleeperVm = n1.nodeId() < n2.nodeId() ? vms.get(1) : vms.get(0);
            Vm wakerVm = sleeperVm == vms.get(0) ? vms.get(1) : vms.get(0);
            long sleeper = Math.max(n1.nodeId(), n2.nodeId());
            long waker = Math.min(n1.nodeId(), n2.nodeId());

            grid.client().submit(farmer.nodePowerTarget(sleeper, Power.DOWN));
            start = System.nanoTime();
            sleeperVm.qmp().awaitEvent("SHUTDOWN", Duration.ofMinutes(4));
            System.out.printf("node %d powered off %.0f s after its target went down%n", sleeper, (System.nanoTime() - start) / 1e9);
            assertThat(sleeperVm.log()).contains("zos-node: power target down and no live deployment: powering the machine off");
            assertThat(grid.client().node(sleeper).power().state()).isEqualTo("down");
            assertThat(grid.client().node(sleeper).status()).isEqualTo("standby");
            assertThat(lan.magicPackets()).as("no magic packet while its target is down").isEmpty();

            grid.client().submit(farmer.nodePowerTarget(sleeper, Power.UP));
            start = System.nanoTime();
            await(() -> lan.magicPackets().stream().anyMatch(sleeperVm.macs()::contains), Duration.ofMinutes(4),
                    "a magic packet for node " + sleeper + " is on the LAN", vms);
            System.out.printf("magic packet from node %d %.0f s after the target went up%n", waker, (System.nanoTime() - start) / 1e9);
            assertThat(lan.magicPackets()).allMatch(sleeperVm.macs()::contains);
            assertThat(wakerVm.log()).containsPattern("zos-node: waking node " + sleeper + " \\(52:54:00:7[78]:00:0\\d\\) via .* and 0x0842 frames on .*eth1");
            // what the sleeping machine's NIC would do with it
            sleeperVm.qmp().execute("system_reset", Duration.ofSeconds(10));
            sleeperVm.qmp().execute("cont", Duration.ofSeconds(10));
            start = System.nanoTime();
            await(() -> {
                GridNode n = grid.client().node(sleeper);
                return "up".equals(n.power().state()) && "up".equals(n.status());
            }, Duration.ofMinutes(10), "node " + sleeper + " reports power state up again", vms);
            System.out.printf("node %d up again %.0f s after the reset%n", sleeper, (System.nanoTime() - start) / 1e9);
            assertThat(nodeWithMac(sleeperVm.macs().get(0)).nodeId()).as("the same node, not a new one").isEqualTo(sleeper);
            ok = true;
        } finally {
            for (Vm vm : vms) {
                vm.close();
            }
            if (!ok) {
                keepLogs(work);
            }
        }
    }

    static void keepLogs(Path work) throws IOException {
        Path keep = Files.createDirectories(LOGS.resolve("wol-" + QemuCluster.stamp()));
        try (var s = Files.walk(work)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".log") || p.toString().endsWith(".args")
                    || p.toString().endsWith(".out")).toList()) {
                Files.copy(p, keep.resolve(work.relativize(p).toString().replace('/', '-')));
            }
        }
    }
}
