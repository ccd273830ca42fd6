package dev.zos.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.grid.testing.TestGrid;
import dev.zos.testkit.CliHarness;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code qemu-harness boot} command line for real: two nodes from a kernel-format image wait until both are up
 * in their farm on a grid on the host; and a run interrupted with Ctrl-C (SIGINT to the real launcher's JVM) leaves
 * no QEMU behind and keeps its logs. Needs zos-imagegen, zos-node and qemu-harness packaged, and qemu-system-x86.
 */
class QemuHarnessCliIT {
    static final Path ROOT = BootKernelIT.ROOT;

    @TempDir
    static Path tmp;
    static TestGrid grid;
    static long farm;
    static URI guestGrid;
    static Path image;

    @BeforeAll
    static void buildImage() throws Exception {
        Path imagegen = ROOT.resolve("zos-imagegen/target/zos-imagegen.jar");
        assertThat(imagegen).as("build zos-imagegen first: ./mvnw -pl zos-imagegen,zos-node -am package -DskipTests").isRegularFile();
        grid = TestGrid.start();
        farm = grid.newFarm("cli_farm");
        guestGrid = URI.create(grid.url().replace("127.0.0.1", RegistrationWatch.GUEST_HOST));
        Path key = tmp.resolve("release.key");
        image = tmp.resolve("kernel");
        BootKernelIT.run(List.of(BootKernelIT.java(), "-jar", imagegen.toString(), "key", "new", key.toString()));
        BootKernelIT.run(List.of(BootKernelIT.java(), "-jar", imagegen.toString(), "build", "--farm", Long.toString(farm), "--grid",
                guestGrid.toString(), "--runmode", "dev", "--console", "ttyS0", "--release-key", key.toString(),
                "--agent", ROOT.resolve("zos-node/target").toString(), "-o", image.toString()));
    }

    @AfterAll
    static void stopGrid() throws Exception {
        if (grid != null) {
            grid.close();
        }
    }

    @Test
    void twoNodesBootAndTheCommandWaitsUntilBothAreRegistered() throws Exception {
        Path logs = tmp.resolve("logs");
        var cli = new CliHarness(QemuHarnessMain.class, tmp.resolve("home"));
        // the farm and the grid come from the image's command line
        CliHarness.CliResult r = cli.run("boot", image.toString(), "--nodes", "2", "--disk", "1G", "--until", "registered",
                "--timeout", "1500", "--logs", logs.toString());
        System.out.print(r);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains(": 2 node(s) from " + image);
        assertThat(r.out().lines().toList()).hasSize(2).allSatisfy(l -> assertThat(l).matches("node \\d+ \\(twin \\d+\\) up in farm " + farm
                + " after \\d+\\.\\d s: 2 cpu, \\d+ MiB memory, \\d+\\.\\d GiB ssd"));
        assertThat(grid.client().nodes(dev.zos.core.registry.client.NodeQuery.builder().farmIds(List.of(farm)).build()).items())
                .hasSize(2).allSatisfy(n -> assertThat(n.status()).isEqualTo("up"));
        // torn down: no QEMU of this run is left, its work folder is gone, a run that came up keeps no logs
        assertThat(qemusUnder(tmp)).isEmpty();
        try (Stream<Path> s = Files.list(tmp.resolve("home/cache/zos/qemu-harness"))) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith("qemu-"))).isEmpty();
        }
        assertThat(logs).doesNotExist();
    }

    @Test
    void ctrlCStopsEveryQemuAndKeepsTheLogs() throws Exception {
        Path jar = ROOT.resolve("qemu-harness/target/qemu-harness.jar");
        assertThat(jar).as("package qemu-harness first").isRegularFile();
        Path home = tmp.resolve("home-int");
        Path logs = tmp.resolve("logs-int");
        // env --default-signal=INT: a JVM started from a background job inherits SIGINT ignored, and a JVM never
        // handles a signal it inherited ignored; a terminal's Ctrl-C reaches it with the default disposition
        var pb = new ProcessBuilder("env", "--default-signal=INT", BootKernelIT.java(), "-jar", jar.toString(), "boot", image.toString(), "--nodes", "2", "--disk", "1G",
                "--timeout", "600", "--logs", logs.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("int.out").toFile());
        pb.environment().put("XDG_CACHE_HOME", home.resolve("cache").toString()); // the work folders go there
        Process p = pb.start();
        p.getOutputStream().close();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (qemusUnder(home).size() < 2 && Instant.now().isBefore(deadline) && p.isAlive()) {
            Thread.sleep(200);
        }
        assertThat(qemusUnder(home)).as(Files.readString(tmp.resolve("int.out"))).hasSize(2);
        Thread.sleep(2000); // a little console to keep
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the harness exits on SIGINT").isTrue();
        assertThat(p.exitValue()).as("killed by SIGINT, after the shutdown hooks ran").isEqualTo(130);
        String out = Files.readString(tmp.resolve("int.out"), StandardCharsets.UTF_8);
        assertThat(qemusUnder(home)).as(out).isEmpty();
        try (Stream<Path> s = Files.walk(logs)) {
            assertThat(s.map(f -> f.getFileName().toString())).as(out).contains("node-1-console.log", "node-2-console.log", "node-1-qemu.args");
        }
    }

    /** QEMU processes whose command line names a path under {@code dir}. */
    static List<ProcessHandle> qemusUnder(Path dir) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().map(c -> c.contains("qemu-system-x86_64") && c.contains(dir.toString())).orElse(false))
                .toList();
    }
}
