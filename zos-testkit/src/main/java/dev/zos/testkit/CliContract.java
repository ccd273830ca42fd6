package dev.zos.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.zos.cli.kit.CommandLines;
import java.util.Arrays;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every command line of this project promises, run against each application:
 * {@code --help} on every command, {@code --version}, exit code 2 with one error line for usage errors,
 * and committed man pages and completions that match the code.
 */
public abstract class CliContract {
    @TempDir
    protected Path home;

    protected abstract Class<?> rootCommand();

    protected CliHarness cli() {
        return new CliHarness(rootCommand(), home);
    }

    private CommandSpec rootSpec() {
        return CommandLines.create(rootCommand(), cli().context()).getCommandSpec();
    }

    @Test
    void helpWorksOnEveryCommand() {
        visit(rootSpec(), new String[0]);
    }

    private void visit(CommandSpec spec, String[] path) {
        String[] args = Arrays.copyOf(path, path.length + 1);
        args[path.length] = "--help";
        var result = cli().run(args);
        assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result).isZero();
        assertThat(result.out()).as(String.join(" ", args)).contains("Usage: ").contains(spec.qualifiedName());
        for (var e : spec.subcommands().entrySet()) {
            if (!e.getKey().equals(e.getValue().getCommandName())) {
                continue; // alias
            }
            String[] sub = Arrays.copyOf(path, path.length + 1);
            sub[path.length] = e.getKey();
            visit(e.getValue().getCommandSpec(), sub);
        }
    }

    @Test
    void versionPrintsNameAndVersion() {
        var result = cli().run("--version");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith(rootSpec().name() + " ");
    }

    @Test
    void unknownOptionIsAUsageErrorWithOneLine() {
        var result = cli().run("--no-such-option");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err().lines().findFirst().orElse("")).contains("--no-such-option");
        assertThat(result.err()).doesNotContain("\tat ");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void committedManPagesAndCompletionsAreUpToDate() throws Exception {
        GeneratedDocs.assertUpToDate(rootCommand());
    }
}
