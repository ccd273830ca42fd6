package dev.zos.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.cli.ZosMain;
import dev.zos.cli.deploy.DeploymentRecord;
import dev.zos.cli.deploy.DeploymentRecords;
import dev.zos.cli.kit.CommandLines;
import dev.zos.core.registry.model.Resources;
import dev.zos.grid.testing.TestGrid;
import dev.zos.testkit.CliHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** zos shell driven through a jline dumb terminal with scripted input, and its completion. */
class ShellCommandTest {
    @TempDir
    Path home;

    @Test
    void runsScriptedCommandsKeepsHistoryAndSurvivesErrors() throws Exception {
        var grid = TestGrid.shared();
        long farm = grid.newFarm("shell_farm");
        long node = grid.newNode(farm, "Belgium", new Resources(4, 8L << 30, 100L << 30, 0));
        var zos = new CliHarness(ZosMain.class, home);
        zos.stdin("identity new --name shelly\n"
                + "zos grid use " + grid.url() + "\n"
                + "\n"
                + "nodes show " + node + "\n"
                + "get nosuch\n"
                + "nodes list --bogus\n"
                + "shell\n"
                + "identity list\n"
                + "exit\n"
                + "identity delete shelly\n");
        var r = zos.run("shell");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("zos> ")
                .contains("shelly")                                  // identity new, identity list
                .contains("target up, reported up")                  // nodes show
                .contains("zos: no deployment named 'nosuch'")       // an error line; the shell goes on
                .contains("Unknown option: '--bogus'")
                .contains("already in the zos shell");
        // 'exit' ended the shell: the line after it never ran
        assertThat(zos.run("identity", "list").out()).contains("shelly");

        Path history = zos.context().dataDir().resolve("history");
        assertThat(Files.readString(history)).contains("nodes show " + node).contains("get nosuch").contains("exit");

        // a second session sees the first one's history and appends to it
        zos.stdin("identity list\n");
        assertThat(zos.run("shell").exitCode()).isZero();
        assertThat(Files.readString(history)).contains("get nosuch").contains("identity list");
    }

    @Test
    void completesCommandsNodeIdsAndDeploymentNames() {
        var zos = new CliHarness(ZosMain.class, home);
        var records = new DeploymentRecords(zos.context().dataDir());
        records.add(new DeploymentRecord("web", "http://grid", 3, 7, 1, "", 0));
        records.add(new DeploymentRecord("db", "http://grid", 4, 7, 1, "", 0));
        var spec = CommandLines.create(ZosMain.class, zos.context()).getCommandSpec();
        var completer = new ShellCompleter(spec, () -> List.of("7", "9"),
                () -> records.all().stream().map(DeploymentRecord::name).toList());

        assertThat(completer.candidates(words("g"), 0)).contains("get", "grid", "deploy", "shell", "exit");
        assertThat(completer.candidates(words("get "), 1)).containsExactly("db", "web");
        assertThat(completer.candidates(words("cancel "), 1)).containsExactly("db", "web");
        assertThat(completer.candidates(words("call "), 1)).containsExactly("7", "9");
        assertThat(completer.candidates(words("deploy --node "), 2)).containsExactly("7", "9");
        assertThat(completer.candidates(words("deploy "), 1)).contains("container", "--file", "--farm", "--dry-run");
        assertThat(completer.candidates(words("deploy container "), 2)).contains("--flist", "--memory").doesNotContain("container");
        assertThat(completer.candidates(words("nodes "), 1)).contains("list", "show");
        assertThat(completer.candidates(words("nosuch "), 1)).isEmpty();
    }

    private static List<String> words(String line) {
        return new DefaultParser().parse(line, line.length()).words();
    }
}
