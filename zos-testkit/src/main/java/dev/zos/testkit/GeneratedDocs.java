package dev.zos.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.CommandLines;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Man pages (AsciiDoc, picocli's ManPageGenerator) and shell completions (bash and zsh from picocli's
 * AutoComplete, fish from {@link FishCompletion}) generated from an application's command model.
 * Each application's test compares them with the files committed under {@code man/} and
 * {@code completions/}; run the tests with {@code -Dzos.docs.update=true} to rewrite them.
 */
public final class GeneratedDocs {
    private GeneratedDocs() {
    }

    /** File path (relative to the repository root) → content, for every page and completion of the application. */
    public static Map<String, String> generate(Class<?> rootCommand) {
        Map<String, String> files = new LinkedHashMap<>();
        CommandLine cl = CommandLines.create(rootCommand, new CliContext(Map.of("NO_COLOR", "1"), Path.of("/nonexistent")));
        String name = cl.getCommandName();
        for (CommandSpec spec : allCommands(cl.getCommandSpec())) {
            var page = new StringWriter();
            ManPageGenerator.writeSingleManPage(new PrintWriter(page), spec);
            // one folder per tool: `zos grid` (man/zos/zos-grid.adoc) must not clash with the tool zos-grid
            String fileName = spec.qualifiedName("-").replace(' ', '-');
            files.put("man/" + name + "/" + fileName + ".adoc", normalise(page.toString()));
        }
        String bash = AutoComplete.bash(name, cl);
        files.put("completions/bash/" + name, normalise(bash));
        // picocli's script also serves zsh through bashcompinit, which it loads itself
        files.put("completions/zsh/_" + name, "#compdef " + name + "\n" + normalise(bash));
        files.put("completions/fish/" + name + ".fish", FishCompletion.generate(cl.getCommandSpec()));
        return files;
    }

    /** Fails when a committed file differs from what the code generates now; rewrites them when asked. */
    public static void assertUpToDate(Class<?> rootCommand) throws IOException {
        Path root = repositoryRoot();
        boolean update = Boolean.getBoolean("zos.docs.update");
        List<String> stale = new ArrayList<>();
        for (var e : generate(rootCommand).entrySet()) {
            Path file = root.resolve(e.getKey());
            String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
            if (!e.getValue().equals(committed)) {
                if (update) {
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
                } else {
                    stale.add(e.getKey());
                }
            }
        }
        assertThat(stale)
                .as("generated docs out of date; regenerate with scripts/gen-docs (./mvnw test -Dzos.docs.update=true)")
                .isEmpty();
    }

    private static List<CommandSpec> allCommands(CommandSpec spec) {
        List<CommandSpec> all = new ArrayList<>();
        all.add(spec);
        spec.subcommands().values().stream()
                .map(CommandLine::getCommandSpec)
                .distinct()
                .filter(sub -> sub.name().equals(sub.commandLine().getCommandName()))
                .filter(sub -> !sub.usageMessage().hidden())
                .forEach(sub -> all.addAll(allCommands(sub)));
        return all;
    }

    // The version line carries the build's version and JDK; keep pages stable across machines.
    private static String normalise(String text) {
        return Stream.of(text.split("\n", -1))
                .map(line -> line.startsWith(":revnumber:") ? ":revnumber: " : line.startsWith(":mansource:") ? ":mansource: " + line.substring(12).split(" ")[0] : line)
                .reduce((a, b) -> a + "\n" + b)
                .orElse("");
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (no mvnw above " + Path.of("").toAbsolutePath() + ")");
        }
        return dir;
    }
}
