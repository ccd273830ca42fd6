package dev.zos.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.node.NodeMain;
import dev.zos.testkit.CliHarness;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zos-node run} refuses bad settings before doing anything, in one line naming the bad value. */
class RunCommandTest {
    @TempDir
    Path home;

    @Test
    void badSettingsAreOneLineAndChangeNothing() {
        var cli = new CliHarness(NodeMain.class, home);
        Path data = home.resolve("node");
        var r = cli.run("run", "--farm", "seven", "--grid", "http://127.0.0.1:1", "--data-dir", data.toString());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err().strip()).isEqualTo("zos-node: --farm must be a farm id (a whole number), got 'seven'");
        assertThat(data).doesNotExist();

        r = cli.run("run", "--farm", "1", "--grid", "ftp://grid", "--data-dir", data.toString());
        assertThat(r.err()).contains("invalid grid URL 'ftp://grid'").doesNotContain("Exception");
        r = cli.run("run", "--farm", "1", "--grid", "http://g:1", "--data-dir", data.toString(), "--uptime-interval", "often");
        assertThat(r.err()).contains("--uptime-interval must be a duration");
        r = cli.run("run", "--farm", "1", "--grid", "http://g:1", "--data-dir", data.toString(), "--storage", "tape");
        assertThat(r.err()).contains("unknown storage source 'tape'; valid: disks, datadir-ssd, datadir-hdd");
        assertThat(data).doesNotExist();
        assertThat(cli.run("run", "--help").out()).contains("--uptime-interval", "--cmdline", "Opens no listening socket");
    }
}
