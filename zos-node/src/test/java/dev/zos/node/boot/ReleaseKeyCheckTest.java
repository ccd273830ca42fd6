package dev.zos.node.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.grid.boot.BootConfig;
import dev.zos.grid.testing.TestGrid;
import dev.zos.imagegen.build.Runmode;
import dev.zos.imagegen.manifest.ReleaseKey;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against real grids: one whose boot server publishes its release key, one without a boot server. */
class ReleaseKeyCheckTest {
    @TempDir
    Path tmp;

    @Test
    void anImageSignedByTheGridsKeyPassesAnotherIsRefusedNamingBoth() throws Exception {
        Path key = tmp.resolve("release.key");
        String gridKey = ReleaseKey.create(key, false).publicKeyHex();
        String otherKey = ReleaseKey.create(tmp.resolve("other.key"), false).publicKeyHex();
        try (TestGrid grid = TestGrid.start(new BootConfig(standInAgent(tmp.resolve("agent")), key, tmp.resolve("cache"), null, null, Runmode.DEV))) {
            URI url = URI.create(grid.url());
            var ok = ReleaseKeyCheck.check(gridKey.toUpperCase() + "\n", url, Duration.ofSeconds(10));
            assertThat(ok.refuse()).isFalse();
            assertThat(ok.line()).isEqualTo("release key: image signed by the grid's key " + gridKey);

            var refused = ReleaseKeyCheck.check(otherKey, url, Duration.ofSeconds(10));
            assertThat(refused.refuse()).isTrue();
            assertThat(refused.line()).contains("signed by " + otherKey).contains("signs its images with " + gridKey);
        }
    }

    @Test
    void aGridWithoutBootServerOrUnreachableLeavesTheOriginUncheckedAndSaysSo() throws Exception {
        try (TestGrid grid = TestGrid.start()) {
            var v = ReleaseKeyCheck.check("ab".repeat(32), URI.create(grid.url()), Duration.ofSeconds(10));
            assertThat(v.refuse()).isFalse();
            assertThat(v.line()).contains("the grid publishes none").contains("origin not checked");
        }
        var down = ReleaseKeyCheck.check("ab".repeat(32), URI.create("http://127.0.0.1:9"), Duration.ofSeconds(2));
        assertThat(down.refuse()).isFalse();
        assertThat(down.line()).contains("cannot ask the grid").contains("origin not checked");
    }

    private static Path standInAgent(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("lib"));
        var mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (var jar = new JarOutputStream(Files.newOutputStream(dir.resolve("zos-node.jar")), mf)) {
            jar.putNextEntry(new java.util.jar.JarEntry("README"));
            jar.write("stand-in agent".getBytes());
        }
        return dir;
    }
}
