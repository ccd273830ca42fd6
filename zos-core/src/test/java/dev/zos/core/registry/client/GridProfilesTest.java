package dev.zos.core.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridProfilesTest {
    @TempDir
    Path config;

    @Test
    void useRecordsNamedGridsAndTheCurrentOne() throws Exception {
        var profiles = new GridProfiles(config);
        assertThat(profiles.current()).isEmpty();
        assertThat(profiles.use("http://127.0.0.1:8080/", null)).isEqualTo(new GridProfile("127.0.0.1-8080", "http://127.0.0.1:8080"));
        profiles.use("https://grid.example.org", "main");
        assertThat(profiles.current().orElseThrow().name()).isEqualTo("main");
        // the same URL again keeps its name
        assertThat(profiles.use("http://127.0.0.1:8080", null).name()).isEqualTo("127.0.0.1-8080");
        assertThat(profiles.list()).extracting(GridProfile::name).containsExactly("127.0.0.1-8080", "main");
        assertThat(Files.readString(profiles.file())).contains("current: 127.0.0.1-8080");
        try (var files = Files.list(config)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("grids.yaml");
        }
    }

    @Test
    void aDamagedFileIsNamedInOneLine() throws Exception {
        Files.writeString(config.resolve("grids.yaml"), "current: x\ngrids: [ {name: x, urll: y} ]\n");
        assertThatThrownBy(() -> new GridProfiles(config).current())
                .hasMessageStartingWith(config.resolve("grids.yaml") + " is damaged")
                .hasMessageContaining("invalid grid URL 'null'")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> new GridProfiles(config.resolve("other")).use("http://h", "Bad Name")).hasMessageContaining("grid name");
    }

    @Test
    void humanUnits() {
        assertThat(Human.size(512)).isEqualTo("512 B");
        assertThat(Human.size(2L << 30)).isEqualTo("2 GiB");
        assertThat(Human.size(1536L << 20)).isEqualTo("1.5 GiB");
        var now = Instant.ofEpochSecond(10_000);
        assertThat(Human.ago(0, now)).isEqualTo("never");
        assertThat(Human.ago(10_000 - 200, now)).isEqualTo("3 min ago");
        assertThat(Human.ago(10_000 - 7200, now)).isEqualTo("2 h ago");
        assertThat(Human.duration(3725)).isEqualTo("1h 2m");
    }
}
