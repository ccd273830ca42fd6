package dev.zos.grid.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridConfigLoaderTest {
    static final GridConfigLoader.Flags NO_FLAGS = new GridConfigLoader.Flags(null, null, null, null, null);

    @TempDir
    Path dir;

    @Test
    void defaultsWhenNothingIsGiven() {
        GridConfig c = GridConfigLoader.load(NO_FLAGS, Map.of(), dir.resolve("absent.yaml"), dir.resolve("data"));
        assertThat(c.listen()).isEqualTo(new GridConfig.Listen("127.0.0.1", 8080));
        assertThat(c.dataDir()).isEqualTo(dir.resolve("data"));
        assertThat(c.registryUrl()).isNull();
        assertThat(c.relayRedisUrl()).isNull();
        assertThat(c.reportInterval()).isEqualTo(Duration.ofMinutes(40));
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFile() throws Exception {
        Path file = dir.resolve("grid.yaml");
        Files.writeString(file, """
                listen: 0.0.0.0:9000
                data_dir: /from/file
                registry: postgres://u:p@db:5432/grid
                relay_redis: redis://file:6379
                report_interval: 60
                """);
        GridConfig fromFile = GridConfigLoader.load(NO_FLAGS, Map.of(), file, dir);
        assertThat(fromFile.listen().toString()).isEqualTo("0.0.0.0:9000");
        assertThat(fromFile.dataDir()).isEqualTo(Path.of("/from/file"));
        assertThat(fromFile.registryUrl()).isEqualTo("postgres://u:p@db:5432/grid");
        assertThat(fromFile.reportInterval()).isEqualTo(Duration.ofSeconds(60));

        var env = Map.of("ZOS_GRID_LISTEN", "127.0.0.1:9001", "ZOS_GRID_RELAY_REDIS", "redis://env:6379");
        GridConfig fromEnv = GridConfigLoader.load(NO_FLAGS, env, file, dir);
        assertThat(fromEnv.listen().port()).isEqualTo(9001);
        assertThat(fromEnv.relayRedisUrl()).isEqualTo("redis://env:6379");
        assertThat(fromEnv.dataDir()).isEqualTo(Path.of("/from/file"));

        var flags = new GridConfigLoader.Flags("[::1]:9002", Path.of("/from/flag"), null, null, 5L);
        GridConfig fromFlags = GridConfigLoader.load(flags, env, file, dir);
        assertThat(fromFlags.listen()).isEqualTo(new GridConfig.Listen("::1", 9002));
        assertThat(fromFlags.dataDir()).isEqualTo(Path.of("/from/flag"));
        assertThat(fromFlags.reportInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(fromFlags.relayRedisUrl()).isEqualTo("redis://env:6379");
    }

    @Test
    void theHubDirectoryDefaultsUnderTheDataDirectoryAndFollowsFlagEnvAndFile() throws Exception {
        assertThat(GridConfigLoader.load(NO_FLAGS, Map.of(), null, dir.resolve("data")).hubDir())
                .isEqualTo(dir.resolve("data").resolve("hub"));
        Path file = dir.resolve("grid.yaml");
        Files.writeString(file, "hub_dir: /from/file/hub\n");
        assertThat(GridConfigLoader.load(NO_FLAGS, Map.of(), file, dir).hubDir()).isEqualTo(Path.of("/from/file/hub"));
        var env = Map.of("ZOS_GRID_HUB_DIR", "/from/env/hub");
        assertThat(GridConfigLoader.load(NO_FLAGS, env, file, dir).hubDir()).isEqualTo(Path.of("/from/env/hub"));
        var flags = new GridConfigLoader.Flags(null, null, null, null, null, Path.of("/from/flag/hub"));
        assertThat(GridConfigLoader.load(flags, env, file, dir).hubDir()).isEqualTo(Path.of("/from/flag/hub"));
    }

    @Test
    void theBootServerIsOffUnlessAgentAndKeyAreGivenAndFollowsFlagEnvAndFile() throws Exception {
        assertThat(GridConfigLoader.load(NO_FLAGS, Map.of(), null, dir.resolve("data")).boot()).isNull();
        Path file = dir.resolve("grid.yaml");
        Files.writeString(file, """
                boot_agent: /from/file/agent
                boot_release_key: /from/file/release.key
                boot_url: http://10.0.2.2:8080/
                boot_runmode: test
                """);
        var fromFile = GridConfigLoader.load(NO_FLAGS, Map.of(), file, dir, dir.resolve("cache")).boot();
        assertThat(fromFile.agentDir()).isEqualTo(Path.of("/from/file/agent"));
        assertThat(fromFile.releaseKey()).isEqualTo(Path.of("/from/file/release.key"));
        assertThat(fromFile.publicUrl()).hasToString("http://10.0.2.2:8080");
        assertThat(fromFile.runmode().value()).isEqualTo("test");
        assertThat(fromFile.cacheRoot()).isEqualTo(dir.resolve("cache"));
        assertThat(fromFile.kernelRelease()).isNull();

        var env = Map.of("ZOS_GRID_BOOT_AGENT", "/from/env/agent", "ZOS_GRID_BOOT_KERNEL", "6.1.0-50-amd64");
        var flags = new GridConfigLoader.Flags(null, null, null, null, null, null,
                new GridConfigLoader.Boot(null, Path.of("/from/flag/key"), "https://grid.example", Path.of("/from/flag/cache"), null, "dev"));
        var merged = GridConfigLoader.load(flags, env, file, dir, dir.resolve("cache")).boot();
        assertThat(merged.agentDir()).isEqualTo(Path.of("/from/env/agent"));
        assertThat(merged.releaseKey()).isEqualTo(Path.of("/from/flag/key"));
        assertThat(merged.publicUrl()).hasToString("https://grid.example");
        assertThat(merged.cacheRoot()).isEqualTo(Path.of("/from/flag/cache"));
        assertThat(merged.kernelRelease()).isEqualTo("6.1.0-50-amd64");
        assertThat(merged.runmode().value()).isEqualTo("dev");
    }

    @Test
    void badBootSettingsAreRefusedWithTheirName() {
        var onlyAgent = new GridConfigLoader.Flags(null, null, null, null, null, null,
                new GridConfigLoader.Boot(Path.of("/a"), null, null, null, null, null));
        assertThatThrownBy(() -> GridConfigLoader.load(onlyAgent, Map.of(), null, dir))
                .isInstanceOf(ZosException.class).hasMessageContaining("boot-release-key is missing");
        var urlAlone = Map.of("ZOS_GRID_BOOT_URL", "http://x:1");
        assertThatThrownBy(() -> GridConfigLoader.load(NO_FLAGS, urlAlone, null, dir)).hasMessageContaining("need --boot-agent");
        var both = Map.of("ZOS_GRID_BOOT_AGENT", "/a", "ZOS_GRID_BOOT_RELEASE_KEY", "/k");
        for (var bad : Map.of("ZOS_GRID_BOOT_URL", "ftp://x", "ZOS_GRID_BOOT_RUNMODE", "qa", "ZOS_GRID_BOOT_KERNEL", "latest").entrySet()) {
            var env = new java.util.HashMap<>(both);
            env.put(bad.getKey(), bad.getValue());
            assertThatThrownBy(() -> GridConfigLoader.load(NO_FLAGS, env, null, dir)).as(bad.getKey())
                    .isInstanceOf(ZosException.class).hasMessageContaining(bad.getKey().substring("ZOS_GRID_".length()).toLowerCase().replace('_', '-'));
        }
        // the paths are checked when the grid starts: an unbuilt agent is named
        var config = GridConfigLoader.load(NO_FLAGS, both, null, dir);
        assertThatThrownBy(() -> config.boot().check()).isInstanceOf(ZosException.class).hasMessageContaining("no node agent at /a/zos-node.jar");
    }

    @Test
    void badSettingsAreRefusedWithTheirName() throws Exception {
        Path file = dir.resolve("grid.yaml");
        Files.writeString(file, "listen: 127.0.0.1:8080\nlisten_port: 9\n");
        assertThatThrownBy(() -> GridConfigLoader.load(NO_FLAGS, Map.of(), file, dir))
                .isInstanceOf(ZosException.class).hasMessageContaining("listen_port").hasMessageContaining("grid.yaml");
        assertThatThrownBy(() -> GridConfigLoader.load(new GridConfigLoader.Flags("nohost", null, null, null, null), Map.of(), null, dir))
                .isInstanceOf(ZosException.class).hasMessageContaining("HOST:PORT");
        assertThatThrownBy(() -> GridConfigLoader.load(new GridConfigLoader.Flags("h:70000", null, null, null, null), Map.of(), null, dir))
                .isInstanceOf(ZosException.class).hasMessageContaining("70000");
        assertThatThrownBy(() -> GridConfigLoader.load(new GridConfigLoader.Flags(null, null, "mysql://x", null, null), Map.of(), null, dir))
                .isInstanceOf(ZosException.class).hasMessageContaining("registry");
        assertThatThrownBy(() -> GridConfigLoader.load(NO_FLAGS, Map.of("ZOS_GRID_REPORT_INTERVAL", "soon"), null, dir))
                .isInstanceOf(ZosException.class).hasMessageContaining("report-interval");
    }

    @Test
    void passwordsAreRedactedInBanners() {
        assertThat(GridService.redact("postgres://zos:secret@db:5432/grid")).isEqualTo("postgres://zos:***@db:5432/grid");
    }
}
