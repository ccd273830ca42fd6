package dev.zos.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import dev.zos.core.registry.client.NodeQuery;
import dev.zos.grid.testing.TestGrid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: a grid runs on the host; zos-imagegen (run as the real jar) builds a kernel-format image for one of its
 * farms, QEMU (TCG here) boots it and the node agent, PID 1, verifies its manifest and prints its banner, takes a
 * DHCP lease from QEMU's user network, formats and mounts its blank disk as the cache, and registers with the grid
 * (reached at 10.0.2.2) with the capacity QEMU gave it. A tampered image is refused, naming the file.
 * Needs zos-imagegen and zos-node packaged (the reactor's -Pe2e verify does that first) and qemu-system-x86.
 */
class BootKernelIT {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path LOGS = Path.of("target/qemu-logs").toAbsolutePath();

    @TempDir
    static Path tmp;
    static Path image;
    static TestGrid grid;
    static long farm;
    static URI guestGrid;

    @BeforeAll
    static void buildImage() throws Exception {
        Path imagegen = ROOT.resolve("zos-imagegen/target/zos-imagegen.jar");
        Path agent = ROOT.resolve("zos-node/target");
        assertThat(imagegen).as("build zos-imagegen first: ./mvnw -pl zos-imagegen,zos-node -am package -DskipTests").isRegularFile();
        assertThat(agent.resolve("zos-node.jar")).as("build zos-node first").isRegularFile();
        grid = TestGrid.start();
        farm = grid.newFarm("qemu_farm");
        // QEMU's user network shows the host's loopback to the guest as 10.0.2.2
        guestGrid = URI.create(grid.url().replace("127.0.0.1", "10.0.2.2"));
        image = tmp.resolve("kernel");
        Path key = tmp.resolve("release.key");
        run(List.of(java(), "-jar", imagegen.toString(), "key", "new", key.toString()));
        run(List.of(java(), "-jar", imagegen.toString(), "build", "--farm", Long.toString(farm), "--grid", guestGrid.toString(),
                "--runmode", "dev", "--console", "ttyS0", "--release-key", key.toString(), "--agent", agent.toString(), "-o", image.toString()));
        run(List.of(java(), "-jar", imagegen.toString(), "verify", image.toString(), "--key", key + ".pub"));
    }

    @AfterAll
    static void stopGrid() throws Exception {
        if (grid != null) {
            grid.close();
        }
    }

    @Test
    void kernelImageBootsAndRegistersWithTheGridUnderQemu() {
        var spec = new QemuCluster.Spec(image, 1, "1G", guestGrid, 1024, 2, tmp.resolve("work"), LOGS, true, null);
        try (QemuCluster cluster = QemuCluster.start(spec)) {
            try {
                List<Duration> took = cluster.awaitConsole(Pattern.compile("zos-node: PID 1, java \\S+, farm " + farm + ", runmode dev"), Duration.ofSeconds(240));
                System.out.printf("banner after %.1f s%n", took.get(0).toMillis() / 1000.0);
                // PID 1 then takes its lease from QEMU's user network and formats the blank qcow2 disk as the cache
                took = cluster.awaitConsole(Pattern.compile("zos-node: cache disk: .*|zos-node: fatal.*"), Duration.ofSeconds(120));
                System.out.printf("network and cache disk ready after %.1f s more%n", took.get(0).toMillis() / 1000.0);
                // then the same agent as process mode: identity on the cache disk, twin, node registration, relay session
                took = cluster.awaitConsole(Pattern.compile("zos-node: serving over the relay.*|zos-node: fatal.*"), Duration.ofSeconds(300));
                System.out.printf("registered and serving after %.1f s more%n", took.get(0).toMillis() / 1000.0);
                String console = cluster.nodes().get(0).console();
                assertThat(console).doesNotContain("zos-init: cannot").doesNotContain("zos-node: fatal")
                        .contains("zos-node: net: eth0 10.0.2.15/24 gateway 10.0.2.2 dns 10.0.2.3 (dhcp)")
                        .contains("zos-node: cache disk: /dev/vda 1024 MiB ext4 ZOS-CACHE at /var/cache/zos (formatted on this first boot)")
                        .containsPattern("zos-node: node \\d+ \\(twin \\d+, new\\) in farm " + farm);
                var nodes = grid.client().nodes(NodeQuery.builder().farmIds(List.of(farm)).build()).items();
                assertThat(nodes).singleElement().satisfies(n -> {
                    assertThat(n.status()).isEqualTo("up");
                    assertThat(n.totalResources().cru()).as("the 2 vCPUs QEMU gave it").isEqualTo(2);
                    assertThat(n.totalResources().mru()).as("about the 1 GiB QEMU gave it").isBetween(700L << 20, 1L << 30);
                    assertThat(n.virtualized()).isTrue();
                });
            } catch (RuntimeException | AssertionError e) {
                cluster.markFailed();
                throw e;
            }
        }
    }

    @Test
    void aTamperedFileIsNamedAndTheNodeRefuses() throws Exception {
        Path bad = tmp.resolve("tampered");
        Files.createDirectories(bad);
        for (String f : List.of("vmlinuz", "cmdline")) {
            Files.copy(image.resolve(f), bad.resolve(f));
        }
        // the kernel takes an uncompressed cpio too: decompress, flip one byte of /etc/os-release, boot that
        Process z = new ProcessBuilder("zstd", "-dcq", image.resolve("initramfs.img").toString()).start();
        byte[] cpio = z.getInputStream().readAllBytes();
        assertThat(z.waitFor()).isZero();
        flipFirstByteOf(cpio, "etc/os-release");
        Files.write(bad.resolve("initramfs.img"), cpio);
        var spec = new QemuCluster.Spec(bad, 1, null, null, 1024, 2, tmp.resolve("work"), LOGS, true, null);
        try (QemuCluster cluster = QemuCluster.start(spec)) {
            try {
                cluster.awaitConsole(Pattern.compile("zos-node: refusing to start"), Duration.ofSeconds(240));
                String console = cluster.nodes().get(0).console();
                assertThat(console).contains("zos-node: image check failed: /etc/os-release: BLAKE2b-256 mismatch").doesNotContain("zos-node: PID 1,");
            } catch (RuntimeException | AssertionError e) {
                cluster.markFailed();
                throw e;
            }
        }
    }

    /** Finds a newc entry by name and changes the first byte of its data. */
    static void flipFirstByteOf(byte[] cpio, String name) {
        int off = 0;
        while (off + 110 <= cpio.length) {
            String header = new String(cpio, off, 110, StandardCharsets.US_ASCII);
            assertThat(header).startsWith("070701");
            int size = Integer.parseInt(header.substring(54, 62), 16);
            int nameSize = Integer.parseInt(header.substring(94, 102), 16);
            String entry = new String(cpio, off + 110, nameSize - 1, StandardCharsets.US_ASCII);
            int data = align4(off + 110 + nameSize);
            if (entry.equals(name)) {
                cpio[data] ^= 0x01;
                return;
            }
            if (entry.equals("TRAILER!!!")) {
                break;
            }
            off = align4(data + size);
        }
        throw new AssertionError(name + " is not in the initramfs");
    }

    private static int align4(int n) {
        return (n + 3) & ~3;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void run(List<String> cmd) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(cmd);
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.print(out);
        assertThat(p.waitFor()).as(String.join(" ", cmd) + "\n" + out).isZero();
    }
}
