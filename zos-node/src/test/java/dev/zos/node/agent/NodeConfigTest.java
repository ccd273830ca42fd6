package dev.zos.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.node.boot.KernelCmdline;
import dev.zos.node.capacity.StorageSource;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NodeConfigTest {
    private static final Path DIR = Path.of("/var/lib/zos-node");

    private static NodeConfig.Flags flags(String farm, String grid) {
        return new NodeConfig.Flags(farm, grid, null, null, DIR, null, null, null, null);
    }

    @Test
    void theKernelCommandLineFillsWhatFlagsLeaveOut() {
        var c = NodeConfig.resolve(flags(null, null), KernelCmdline.parse(
                "quiet farmer_id=7 runmode=test zos-grid=http://10.0.2.2:8080 registry=http://10.0.2.2:8080 relay=ws://10.0.2.2:8080/"),
                StorageSource.DISKS);
        assertThat(c.farmId()).isEqualTo(7);
        assertThat(c.runmode()).isEqualTo("test");
        assertThat(c.gridUrl()).hasToString("http://10.0.2.2:8080");
        assertThat(c.relayUrl()).hasToString("ws://10.0.2.2:8080/");
        assertThat(c.uptimeInterval()).isEqualTo(Duration.ofMinutes(40));
        assertThat(c.storage()).isEqualTo(StorageSource.DISKS);
    }

    @Test
    void flagsWinAndTheRelayDefaultsToTheGrids() {
        var c = NodeConfig.resolve(flags("3", "https://grid.example.org/"), KernelCmdline.parse("farmer_id=7 substrate=http://other:1"),
                StorageSource.DATA_DIR_SSD);
        assertThat(c.farmId()).isEqualTo(3);
        assertThat(c.gridUrl()).hasToString("https://grid.example.org");
        assertThat(c.registryUrl()).hasToString("http://other:1");
        assertThat(c.relayUrl()).hasToString("wss://grid.example.org/");
        assertThat(c.runmode()).isEqualTo("prod");
    }

    @Test
    void noFarmIsAnOrphanAndBadValuesAreNamed() {
        assertThat(NodeConfig.resolve(flags(null, "http://g:1"), KernelCmdline.parse(""), StorageSource.DISKS).orphan()).isTrue();
        assertThatThrownBy(() -> NodeConfig.resolve(flags("seven", "http://g:1"), KernelCmdline.parse(""), StorageSource.DISKS))
                .hasMessage("--farm must be a farm id (a whole number), got 'seven'");
        assertThatThrownBy(() -> NodeConfig.resolve(flags(null, "http://g:1"), KernelCmdline.parse("farmer_id=-1"), StorageSource.DISKS))
                .hasMessageContaining("farmer_id=");
        assertThatThrownBy(() -> NodeConfig.resolve(flags("1", null), KernelCmdline.parse(""), StorageSource.DISKS))
                .hasMessageContaining("no grid");
        assertThatThrownBy(() -> NodeConfig.resolve(new NodeConfig.Flags("1", "http://g:1", null, "http://g:1", DIR, null, null, null, null),
                KernelCmdline.parse(""), StorageSource.DISKS)).hasMessageContaining("relay URL must be ws://");
        assertThatThrownBy(() -> NodeConfig.resolve(new NodeConfig.Flags("1", "http://g:1", null, null, DIR, "fast", null, null, null),
                KernelCmdline.parse(""), StorageSource.DISKS)).hasMessageContaining("runmode must be one of");
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertThat(RunCommand.duration("40m", "--uptime-interval")).isEqualTo(Duration.ofMinutes(40));
        assertThat(RunCommand.duration("90s", "x")).isEqualTo(Duration.ofSeconds(90));
        assertThat(RunCommand.duration("PT2H", "x")).isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> RunCommand.duration("soon", "--uptime-interval"))
                .hasMessage("--uptime-interval must be a duration like 90s, 5m, 1h30m or 500ms, got 'soon'");
    }
}
