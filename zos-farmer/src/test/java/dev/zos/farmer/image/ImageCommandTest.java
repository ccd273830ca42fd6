package dev.zos.farmer.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zos.core.identity.IdentityStore;
import dev.zos.core.registry.client.GridProfiles;
import dev.zos.farmer.FarmerMain;
import dev.zos.grid.boot.BootConfig;
import dev.zos.grid.testing.TestGrid;
import dev.zos.imagegen.build.Runmode;
import dev.zos.imagegen.kernel.DebianKernels;
import dev.zos.imagegen.manifest.ReleaseKey;
import dev.zos.testkit.CliHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** zos-farmer image against a real grid whose boot server builds real images (a stand-in agent keeps it quick). */
class ImageCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path tmp;
    static TestGrid grid;
    static CliHarness farmer;
    static long farm;

    @BeforeAll
    static void start() throws Exception {
        Path agent = tmp.resolve("agent");
        Files.createDirectories(agent.resolve("lib"));
        var mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (var jar = new JarOutputStream(Files.newOutputStream(agent.resolve("zos-node.jar")), mf)) {
            jar.putNextEntry(new java.util.jar.JarEntry("README"));
            jar.write("stand-in agent".getBytes());
        }
        Path key = tmp.resolve("release.key");
        ReleaseKey.create(key, false);
        grid = TestGrid.start(new BootConfig(agent, key, cacheRoot(), null, null, Runmode.TEST));
        farmer = new CliHarness(FarmerMain.class, tmp.resolve("home"));
        new IdentityStore(farmer.configDir()).create("farmer", 12);
        new GridProfiles(farmer.configDir()).use(grid.url(), "local");
        farm = JSON.readTree(farmer.run("farm", "create", "image_farm", "-o", "json").out()).get("farm_id").asLong();
    }

    @AfterAll
    static void stop() throws Exception {
        grid.close();
    }

    static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache")).resolve("zos");
    }

    @Test
    void ipxeScriptIsWrittenForTheGridsRunmodeWithTheExtraWords() throws Exception {
        Path out = tmp.resolve("boot.ipxe");
        var r = farmer.run("image", "--farm", Long.toString(farm), "--format", "ipxe", "--extra", "zos-debug x=a/b", "-O", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String script = Files.readString(out);
        assertThat(script).startsWith("#!ipxe\n")
                .contains(grid.url() + "/kernel/test/" + farm + " initrd=initramfs.img ")
                .contains("runmode=test farmer_id=" + farm + " zos-grid=" + grid.url())
                .contains(" zos-debug x=a/b || goto fetch");
        assertThat(r.out()).contains(out.toString());
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void kernelFormatIsAFolderOfTheGridsKernelInitramfsAndCommandLineWithAJsonSummary() throws Exception {
        Path dir = tmp.resolve("kernel");
        var r = farmer.run("image", "--farm", Long.toString(farm), "--format", "kernel", "--runmode", "dev", "-O", dir.toString(), "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("format").asText()).isEqualTo("kernel");
        assertThat(json.get("runmode").asText()).isEqualTo("dev");
        assertThat(json.get("files")).hasSize(3);
        for (JsonNode f : json.get("files")) {
            Path p = Path.of(f.get("path").asText());
            assertThat(Files.size(p)).isEqualTo(f.get("size").asLong());
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))))
                    .isEqualTo(f.get("sha256").asText());
        }
        var kernel = new DebianKernels(cacheRoot().resolve("kernels")).fetch(null);
        assertThat(Files.readAllBytes(dir.resolve("vmlinuz"))).isEqualTo(Files.readAllBytes(kernel.vmlinuz()));
        assertThat(Files.readAllBytes(dir.resolve("initramfs.img"))).startsWith(0x28, 0xb5, 0x2f, 0xfd);
        assertThat(Files.readString(dir.resolve("cmdline"), StandardCharsets.UTF_8)).contains("runmode=dev farmer_id=" + farm + " ");
    }

    @Test
    void refusalsNameTheProblemAndWriteNothing() throws Exception {
        Path out = tmp.resolve("nothing.iso");
        var unknownFarm = farmer.run("image", "--farm", "987654", "-O", out.toString());
        assertThat(unknownFarm.exitCode()).isEqualTo(1);
        assertThat(unknownFarm.err()).contains("farm 987654");
        var badExtra = farmer.run("image", "--farm", Long.toString(farm), "--format", "ipxe", "--extra", "x=${mac}", "-O", out.toString());
        assertThat(badExtra.exitCode()).isEqualTo(1);
        assertThat(badExtra.err()).contains("extra kernel argument 'x=${mac}' is not allowed");
        var badFormat = farmer.run("image", "--farm", Long.toString(farm), "--format", "floppy");
        assertThat(badFormat.exitCode()).isNotZero();
        assertThat(badFormat.err()).contains("--format must be one of iso, usb, efi, ipxe, kernel");
        assertThat(out).doesNotExist();

        // a grid without a boot server says so
        TestGrid plain = TestGrid.shared();
        var other = new CliHarness(FarmerMain.class, tmp.resolve("other-home"));
        new IdentityStore(other.configDir()).create("farmer", 12);
        new GridProfiles(other.configDir()).use(plain.url(), "plain");
        long plainFarm = JSON.readTree(other.run("farm", "create", "plain_farm", "-o", "json").out()).get("farm_id").asLong();
        var off = other.run("image", "--farm", Long.toString(plainFarm), "-O", out.toString());
        assertThat(off.exitCode()).isEqualTo(1);
        assertThat(off.err()).contains("does not serve boot media").contains("--boot-agent");
        assertThat(out).doesNotExist();
    }
}
