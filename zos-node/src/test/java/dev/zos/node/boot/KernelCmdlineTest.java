package dev.zos.node.boot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KernelCmdlineTest {
    @Test
    void wordsAreKeyValuesAndTheLastValueWins() {
        var c = KernelCmdline.parse("quiet console=ttyS0,115200 farmer_id=7 runmode=dev zos-debug farmer_id=9\n");
        assertThat(c.get("farmer_id")).contains("9");
        assertThat(c.get("runmode")).contains("dev");
        assertThat(c.has("zos-debug")).isTrue();
        assertThat(c.get("zos-debug")).contains("");
        assertThat(c.get("missing")).isEmpty();
    }

    @Test
    void quotesAndEscapesAreShellStyle() {
        var c = KernelCmdline.parse("a=\"x y\" b='p q' c=one\\ two d=\"say \\\"hi\\\"\"");
        assertThat(c.values()).containsEntry("a", "x y").containsEntry("b", "p q").containsEntry("c", "one two").containsEntry("d", "say \"hi\"");
    }

    @Test
    void bannerNamesPidJavaFarmAndRunmode() {
        assertThat(BootCommand.banner(1, "25.0.3", KernelCmdline.parse("farmer_id=7 runmode=test")))
                .isEqualTo("zos-node: PID 1, java 25.0.3, farm 7, runmode test");
        assertThat(BootCommand.banner(1, "25", KernelCmdline.parse(""))).isEqualTo("zos-node: PID 1, java 25, farm none (orphan), runmode prod");
    }
}
