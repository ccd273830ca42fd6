package dev.zos.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zos.core.identity.IdentityStore;
import dev.zos.core.registry.client.GridProfiles;
import dev.zos.core.registry.client.NodeQuery;
import dev.zos.farmer.FarmerMain;
import dev.zos.grid.boot.BootConfig;
import dev.zos.grid.testing.TestGrid;
import dev.zos.imagegen.build.Runmode;
import dev.zos.imagegen.manifest.ReleaseKey;
import dev.zos.testkit.CliHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Network boot served by the grid (issue #7): a grid runs on the host with its boot server building from the packaged
 * node agent; a farmer creates a farm; one QEMU machine boots with SeaBIOS and its NIC's iPXE ROM, whose DHCP (QEMU's
 * user network) hands out the grid's {@code /ipxe/dev/<farm>} script. The script keeps the NIC the ROM configured,
 * fetches kernel and initramfs from the grid and boots them; the node registers, and {@code zos-farmer status} shows
 * it up. Needs zos-node packaged and qemu-system-x86 with its iPXE ROMs (ipxe-qemu).
 */
class NetbootIT {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path LOGS = Path.of("target/qemu-logs").toAbsolutePath();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache")).resolve("zos");
    }

    @Test
    void aMachineNetbootsFromTheGridsBootServerRegistersAndTheFarmerSeesItUp() throws Exception {
        netbootAndRegister(false);
    }

    /**
     * The same under OVMF, whose console also shows iPXE: the script keeps the NIC the ROM configured (no second
     * DHCP), and the kernel gets its initrd only because the kernel line names it ({@code initrd=}).
     */
    @Test
    void underUefiTheScriptKeepsTheConfiguredNicAndTheKernelGetsItsInitrd() throws Exception {
        String console = netbootAndRegister(true);
        assertThat(console).contains("Zero-OS network boot: farm ").doesNotContain("DHCP on net").doesNotContain("Zero-OS boot failed");
    }

    /** Boots one machine from the grid, checks it registered and that zos-farmer shows it up; its console. */
    private String netbootAndRegister(boolean uefi) throws Exception {
        Path agent = ROOT.resolve("zos-node/target");
        assertThat(agent.resolve("zos-node.jar")).as("build zos-node first: ./mvnw -pl zos-node -am package -DskipTests").isRegularFile();
        Path key = tmp.resolve("release.key");
        ReleaseKey.create(key, false);
        // no --boot-url: the script and command line name the grid as the machine asked for it, http://10.0.2.2:PORT
        try (TestGrid grid = TestGrid.start(new BootConfig(agent, key, cacheRoot(), null, null, Runmode.DEV))) {
            var farmer = new CliHarness(FarmerMain.class, tmp.resolve("home"));
            new IdentityStore(farmer.configDir()).create("farmer", 12);
            new GridProfiles(farmer.configDir()).use(grid.url(), "local");
            var created = farmer.run("farm", "create", "netboot_farm", "-o", "json");
            assertThat(created.exitCode()).as(created.toString()).isZero();
            long farm = JSON.readTree(created.out()).get("farm_id").asLong();

            // the first request builds the initramfs; build it now so the boot's download does not wait on it
            long start = System.nanoTime();
            var http = HttpClient.newHttpClient();
            var initramfs = http.send(HttpRequest.newBuilder(URI.create(grid.url() + "/initramfs/dev/" + farm)).timeout(Duration.ofMinutes(10))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(initramfs.statusCode()).isEqualTo(200);
            System.out.printf("initramfs built by the grid in %.1f s (%d bytes)%n", (System.nanoTime() - start) / 1e9,
                    initramfs.headers().firstValueAsLong("content-length").orElse(-1));

            // console=ttyS0 to read the node's console; no_timer_check as BootKernelIT (a busy TCG host)
            URI boot = URI.create("http://10.0.2.2:" + grid.port() + "/ipxe/dev/" + farm + "/console=ttyS0%20no_timer_check");
            var spec = new QemuCluster.Spec(null, 1, "1G", null, 1024, 2, tmp.resolve("work"), LOGS, true, null);
            try (QemuCluster cluster = QemuCluster.netboot(boot, spec, uefi)) {
                try {
                    List<Duration> took = cluster.awaitConsole(Pattern.compile("zos-node: PID 1, java \\S+, farm " + farm + ", runmode dev"),
                            Duration.ofSeconds(420));
                    System.out.printf("netboot (%s): agent banner after %.1f s%n", uefi ? "OVMF" : "SeaBIOS", took.get(0).toMillis() / 1000.0);
                    took = cluster.awaitConsole(Pattern.compile("zos-node: serving over the relay.*|zos-node: fatal.*"), Duration.ofSeconds(420));
                    System.out.printf("registered and serving after %.1f s more%n", took.get(0).toMillis() / 1000.0);
                    String console = cluster.nodes().get(0).console();
                    assertThat(console).doesNotContain("zos-node: fatal")
                            .contains("zos-node: net: eth0 10.0.2.15/24 gateway 10.0.2.2")
                            .containsPattern("zos-node: node \\d+ \\(twin \\d+, new\\) in farm " + farm);
                    var nodes = grid.client().nodes(NodeQuery.builder().farmIds(List.of(farm)).build()).items();
                    assertThat(nodes).singleElement().satisfies(n -> assertThat(n.status()).isEqualTo("up"));

                    var status = farmer.run("status", "--farm", Long.toString(farm), "-o", "json");
                    assertThat(status.exitCode()).as(status.toString()).isZero();
                    JsonNode json = JSON.readTree(status.out());
                    assertThat(json.get("nodes")).singleElement().satisfies(row -> {
                        assertThat(row.get("node").get("nodeId").asLong()).isEqualTo(nodes.get(0).nodeId());
                        assertThat(row.get("node").get("status").asText()).isEqualTo("up");
                        assertThat(row.get("node").get("farmId").asLong()).isEqualTo(farm);
                    });
                    return cluster.nodes().get(0).console();
                } catch (RuntimeException | AssertionError e) {
                    cluster.markFailed();
                    throw e;
                }
            }
        }
    }
}
