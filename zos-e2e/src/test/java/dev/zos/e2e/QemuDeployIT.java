package dev.zos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zos.cli.ZosMain;
import dev.zos.core.registry.client.GridNode;
import dev.zos.core.registry.client.NodeQuery;
import dev.zos.flistctl.FlistctlMain;
import dev.zos.grid.testing.TestGrid;
import dev.zos.qemu.QemuCluster;
import dev.zos.testkit.CliHarness;
import dev.zos.testkit.CliHarness.CliResult;
import dev.zos.testkit.ExternalService;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy flow against real node images: a grid runs on the host, zos-imagegen (its packaged jar) builds a
 * kernel-format image for one of its farms, and QEMU boots two nodes from it in parallel, each with its own blank
 * qcow2 disk given as an SSD. Both register; a user publishes a busybox flist to the grid's hub and, through the real
 * {@code zos} command line, runs a container with a disk on a private network on one node (crun, ip, mount, FUSE
 * and loop devices inside the image), reads its output through the relay, cancels it, and sees it gone. Then a node
 * is reset like after a power cut: it comes back as the same node and brings its deployment back from its cache disk.
 *
 * <p>Needs qemu-system-x86, busybox-static (the container's tree), and what the image copies from the host: crun,
 * iproute2, e2fsprogs, mount, libfuse2, libsodium23. zos-imagegen and zos-node are packaged by the reactor first.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QemuDeployIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path LOGS = Path.of("target/qemu-logs").toAbsolutePath();
    static final int MEMORY_MB = 1280;
    static final int CPUS = 2;
    static final String DISK = "4G";
    static final Pattern REGISTERED = Pattern.compile("zos-node: node (\\d+) \\(twin (\\d+)(, new)?\\) in farm (\\d+)");
    static final Pattern SERVING = Pattern.compile("zos-node: serving over the relay.*|zos-node: fatal.*");

    @TempDir
    static Path tmp;
    static TestGrid grid;
    static long farm;
    static URI guestGrid;
    static QemuCluster cluster;
    /** Per QEMU node, in the cluster's order: the node id and twin id it registered with. */
    static final List<long[]> ids = new ArrayList<>();
    static CliHarness zos;
    static String flistUrl;

    @BeforeAll
    static void bootTwoNodes() throws Exception {
        requireHost();
        Path imagegen = ROOT.resolve("zos-imagegen/target/zos-imagegen.jar");
        Path agent = ROOT.resolve("zos-node/target");
        assertThat(imagegen).as("package zos-imagegen first: ./mvnw -pl zos-imagegen,zos-node -am package -DskipTests").isRegularFile();
        assertThat(agent.resolve("zos-node.jar")).as("package zos-node first").isRegularFile();
        grid = TestGrid.start();
        farm = grid.newFarm("qemu_deploy");
        // QEMU's user network shows the host's loopback to the guests as 10.0.2.2
        guestGrid = URI.create(grid.url().replace("127.0.0.1", "10.0.2.2"));
        Path image = tmp.resolve("kernel");
        Path key = tmp.resolve("release.key");
        run(List.of(java(), "-jar", imagegen.toString(), "key", "new", key.toString()));
        run(List.of(java(), "-jar", imagegen.toString(), "build", "--farm", Long.toString(farm), "--grid", guestGrid.toString(),
                "--runmode", "dev", "--console", "ttyS0", "--release-key", key.toString(), "--agent", agent.toString(), "-o", image.toString()));

        // both nodes boot at once, each on its own blank disk; noReboot off so that a reset reboots
        cluster = QemuCluster.start(new QemuCluster.Spec(image, 2, DISK, guestGrid, MEMORY_MB, CPUS, tmp.resolve("w"), LOGS, false, null, false, true));
        try {
            List<Duration> took = cluster.awaitConsole(SERVING, Duration.ofSeconds(600));
            System.out.printf("both nodes serving after %.1f s and %.1f s%n", took.get(0).toMillis() / 1000.0, took.get(1).toMillis() / 1000.0);
            for (int i = 0; i < 2; i++) {
                String console = cluster.nodes().get(i).console();
                assertThat(console).as("node %d", i + 1).doesNotContain("zos-node: fatal").contains("zos-node: workload mounts: cgroup2 at /sys/fs/cgroup");
                Matcher m = REGISTERED.matcher(console);
                assertThat(m.find()).as("node %d registered: %s", i + 1, console).isTrue();
                assertThat(m.group(3)).as("a new twin on a blank disk").isEqualTo(", new");
                ids.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
            }
        } catch (RuntimeException | AssertionError e) {
            cluster.markFailed();
            throw e;
        }

        zos = new CliHarness(ZosMain.class, tmp.resolve("user"));
        ok(zos.run("identity", "new", "--name", "user"));
        long userTwin = JSON.readTree(ok(zos.run("grid", "use", grid.url(), "-o", "json")).out()).get("twinId").asLong();
        flistUrl = publishBusybox(userTwin);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
            if (cluster.keptLogs() != null) {
                System.out.println("QEMU logs kept in " + cluster.keptLogs());
            }
        }
        if (grid != null) {
            grid.close();
        }
    }

    @Test
    @Order(1)
    void bothNodesRegisterWithTheCapacityQemuGaveThem() {
        assertThat(ids.get(0)[0]).as("node ids").isNotEqualTo(ids.get(1)[0]);
        assertThat(ids.get(0)[1]).as("twin ids").isNotEqualTo(ids.get(1)[1]);
        List<GridNode> nodes = grid.client().nodes(NodeQuery.builder().farmIds(List.of(farm)).build()).items();
        assertThat(nodes).extracting(GridNode::nodeId).containsExactlyInAnyOrder(ids.get(0)[0], ids.get(1)[0]);
        for (GridNode n : nodes) {
            assertThat(n.twinId()).isIn(ids.get(0)[1], ids.get(1)[1]);
            assertThat(n.status()).isEqualTo("up");
            assertThat(n.virtualized()).isTrue();
            assertThat(n.totalResources().cru()).as("the vCPUs QEMU gave it").isEqualTo(CPUS);
            assertThat(n.totalResources().mru()).as("about the %d MiB QEMU gave it, less the kernel's own", MEMORY_MB)
                    .isBetween((MEMORY_MB - 200L) << 20, (long) MEMORY_MB << 20);
            assertThat(n.totalResources().sru()).as("the 4 GiB disk, sold as SSD").isEqualTo(4L << 30);
            assertThat(n.totalResources().hru()).isZero();
        }
    }

    @Test
    @Order(2)
    void aContainerWithADiskRunsOnANodeImageLogsThroughTheRelayAndIsCancelled() throws Exception {
        long node = ids.get(1)[0];
        Path app = appFile("web", "hello from node image");
        CliResult deployed = zos.run("deploy", "-f", app.toString(), "--node", Long.toString(node), "--name", "app", "--timeout", "5m");
        try {
            assertThat(deployed.exitCode()).as(deployed + "\nconsole:\n" + consoleTail(1)).isZero();
            assertThat(deployed.out()).contains("data (zmount): ok", "net (network): ok", "web (zmachine): ok");
            assertThat(ok(zos.run("get", "app")).out()).containsPattern("data\\s+zmount\\s+ok").containsPattern("web\\s+zmachine\\s+ok");
            String logs = await(() -> ok(zos.run("logs", "app")).out(), s -> s.contains("gateway-reachable"), "the container's lines in zos logs");
            assertThat(logs).as("the container's console, read on the node through the relay")
                    .startsWith("hello from node image\nstored on the zmount\ngateway-reachable\n");
            long contract = contractOf("app");

            CliResult cancel = ok(zos.run("cancel", "app"));
            assertThat(cancel.out()).contains("web (zmachine): deleted").contains("deleted every workload");
            // the node keeps the deployment's history, every workload deleted (as zos does)
            JsonNode onNode = json(ok(zos.run("call", Long.toString(node), "zos.deployment.get", "{\"contract_id\":" + contract + "}")).out());
            assertThat(onNode.get("workloads")).hasSize(3)
                    .allSatisfy(w -> assertThat(w.get("result").get("state").asText()).as(w.get("name").asText()).isEqualTo("deleted"));
            assertThat(grid.client().contracts(dev.zos.core.registry.client.ContractQuery.ofTwin(onNode.get("twin_id").asLong())).items())
                    .filteredOn(c -> c.contractId() == contract).singleElement().satisfies(c -> assertThat(c.state()).isEqualTo("Deleted"));
            assertThat(cluster.nodes().get(1).console()).doesNotContain("zos-node: fatal");
        } catch (RuntimeException | AssertionError e) {
            cluster.markFailed();
            throw e;
        }
    }

    @Test
    @Order(3)
    void aResetNodeComesBackAsItselfAndBringsItsDeploymentBack() throws Exception {
        long node = ids.get(0)[0];
        long twin = ids.get(0)[1];
        Path app = appFile("keep", "started on node image");
        try {
            CliResult deployed = zos.run("deploy", "-f", app.toString(), "--node", Long.toString(node), "--name", "kept", "--timeout", "5m");
            assertThat(deployed.exitCode()).as(deployed + "\nconsole:\n" + consoleTail(0)).isZero();
            // the container syncs before it says so: a reset is a power cut, and unsynced writes would be lost with it
            await(() -> ok(zos.run("logs", "kept")).out(), s -> s.contains("synced"), "the first run's lines");

            cluster.reset(0);
            cluster.awaitConsole(SERVING, Duration.ofSeconds(600));
            String again = cluster.consoleSinceReset(0);
            assertThat(again).doesNotContain("zos-node: fatal")
                    .contains("zos-node: cache disk: /dev/sda 4096 MiB ext4 ZOS-CACHE at /var/cache/zos (kept)")
                    .contains("zos-node: node " + node + " (twin " + twin + ") in farm " + farm);

            // the engine replays the provision store from the cache disk: the container runs again from its own disk
            JsonNode back = await(() -> json(ok(zos.run("get", "kept", "-o", "json")).out()),
                    d -> allOk(d), "every workload ok again after the reset");
            assertThat(back.get("workloads")).hasSize(3);
            String logs;
            try {
                logs = await(() -> ok(zos.run("logs", "kept")).out(), s -> s.split("synced", -1).length == 3, "the second run's lines");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; workloads: " + states("kept"), e);
            }
            assertThat(logs).as("the console log survived on the cache disk and the container ran again, finding its file")
                    .isEqualTo("started on node image\nstored on the zmount\ngateway-reachable\nsynced\n"
                            + "started on node image\nfound on the zmount: stored on the zmount\ngateway-reachable\nsynced\n");
            ok(zos.run("cancel", "kept"));
        } catch (RuntimeException | AssertionError e) {
            cluster.markFailed();
            throw e;
        }
    }

    // --- the pieces

    /**
     * A zmount, a private network and a busybox container that says {@code greeting}, keeps a line on the zmount (or
     * shows the one kept by an earlier run), pings its gateway, syncs (so its writes survive a reset) and stays up.
     */
    static Path appFile(String name, String greeting) throws IOException {
        String entrypoint = "/bin/sh -c 'echo \"" + greeting + "\"; "
                + "if [ -f /data/kept ]; then echo \"found on the zmount: $(cat /data/kept)\"; "
                + "else echo \"stored on the zmount\" > /data/kept; cat /data/kept; fi; "
                + "for i in 1 2 3 4 5 6 7 8 9 10; do ping -c1 -W1 10.232.3.1 >/dev/null && echo gateway-reachable && break; sleep 1; done; "
                + "sync; sync; echo synced; sync; exec sleep 3600'";
        Path file = tmp.resolve(name + ".yaml");
        Files.writeString(file, """
                version: 0
                twin_id: 1
                description: busybox with a disk on a private network, on a node image
                workloads:
                  - name: data
                    type: zmount
                    version: 0
                    data:
                      size: 64MiB
                  - name: net
                    type: network
                    version: 0
                    data:
                      ip_range: 10.232.0.0/16
                      subnet: 10.232.3.0/24
                      wireguard_private_key: GDU+cjKrHNJS9fodzjFDzNFl5su3kJXTZ3ipPgUjOUE=
                      wireguard_listen_port: 3011
                      peers: []
                  - name: %s
                    type: zmachine
                    version: 0
                    data:
                      flist: %s
                      entrypoint: %s
                      size: 0
                      compute_capacity:
                        cpu: 1
                        memory: 256MiB
                      network:
                        public_ip: ""
                        planetary: false
                        interfaces:
                          - network: net
                            ip: 10.232.3.5
                      mounts:
                        - name: data
                          mountpoint: /data
                """.formatted(name, flistUrl, JSON.writeValueAsString(entrypoint)));
        return file;
    }

    /**
     * A busybox tree packed by zos-flistctl and published to the grid's hub, its blocks routed to the hub's block store
     * at the address the guests reach it by (10.0.2.2); the flist's URL as the guests see it.
     */
    static String publishBusybox(long userTwin) throws Exception {
        Path rootfs = tmp.resolve("rootfs");
        Files.createDirectories(rootfs.resolve("bin"));
        for (String d : List.of("proc", "sys", "dev", "tmp", "etc", "data")) {
            Files.createDirectories(rootfs.resolve(d));
        }
        Files.copy(Path.of("/bin/busybox"), rootfs.resolve("bin/busybox"));
        for (String applet : DeployFlowIT.run("/bin/busybox", "--list").split("\n")) {
            if (!applet.isBlank() && !applet.equals("busybox")) {
                Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet.strip()), Path.of("busybox"));
            }
        }
        var flistctl = new CliHarness(FlistctlMain.class, tmp.resolve("user"));
        Path fl = tmp.resolve("busybox.fl");
        String blocks = "dir://" + tmp.resolve("blocks");
        ok(flistctl.run("pack", "-m", fl.toString(), "-s", blocks, rootfs.toString()));
        ok(flistctl.run("store", "delete", "-m", fl.toString(), "--all"));
        ok(flistctl.run("store", "add", "-m", fl.toString(), "-s", guestGrid + "/blocks"));
        JsonNode published = JSON.readTree(ok(flistctl.run("publish", "-m", fl.toString(), "--hub", grid.url(), "-s", blocks,
                "--keep-routes", "--name", "busybox", "-o", "json")).out());
        assertThat(published.get("url").asText()).isEqualTo(grid.url() + "/" + userTwin + "/busybox.fl");
        return guestGrid + "/" + userTwin + "/busybox.fl";
    }

    /** Each workload's state and message as the node reports them, for failure messages. */
    static String states(String name) {
        CliResult r = zos.run("get", name, "-o", "json");
        if (r.exitCode() != 0) {
            return r.err().strip();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode w : json(r.out()).get("workloads")) {
            out.add(w.get("name").asText() + "=" + w.get("result").get("state").asText() + " " + w.get("result").path("message").asText());
        }
        return String.join("; ", out);
    }

    static long contractOf(String name) throws IOException {
        return json(ok(zos.run("get", name, "-o", "json")).out()).get("contract_id").asLong();
    }

    static boolean allOk(JsonNode deployment) {
        for (JsonNode w : deployment.get("workloads")) {
            if (!"ok".equals(w.get("result").get("state").asText())) {
                return false;
            }
        }
        return true;
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static String consoleTail(int node) {
        String c = cluster.nodes().get(node).console();
        return c.substring(Math.max(0, c.length() - 4000));
    }

    static CliResult ok(CliResult r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    /** Polls for up to 5 minutes (a node under emulation is slow, and a reset node replays its deployments one by one). */
    static <T> T await(Supplier<T> value, Predicate<T> done, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        T last = null;
        RuntimeException lastError = null;
        while (System.nanoTime() < end) {
            try {
                last = value.get();
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException | AssertionError e) {
                lastError = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("timed out waiting for " + what + "; last: " + last, lastError);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.print(out);
        assertThat(p.waitFor()).as(String.join(" ", cmd) + "\n" + out).isZero();
    }

    static void requireHost() {
        ExternalService.require(DeployFlowIT.onPath("qemu-system-x86_64"), "qemu-system-x86_64 is not installed: apt-get install -y qemu-system-x86 qemu-utils");
        ExternalService.require(Files.isExecutable(Path.of("/bin/busybox")) && DeployFlowIT.run("/bin/busybox", "--list").contains("sh"),
                "/bin/busybox is not a static busybox with applets: apt-get install -y busybox-static");
        for (String[] f : new String[][] {{"/usr/bin/crun", "crun"}, {"/usr/sbin/ip", "iproute2"}, {"/usr/sbin/mkfs.ext4", "e2fsprogs"},
                {"/lib/x86_64-linux-gnu/libfuse.so.2", "libfuse2"}, {"/usr/lib/x86_64-linux-gnu/libsodium.so.23", "libsodium23"}}) {
            ExternalService.require(Files.exists(Path.of(f[0])), f[0] + " is missing (the node image copies it): apt-get install -y " + f[1]);
        }
    }
}
