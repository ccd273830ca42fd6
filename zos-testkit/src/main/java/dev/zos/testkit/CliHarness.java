package dev.zos.testkit;

import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.CommandLines;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs an application's real command line in-process with its own home and XDG folders,
 * capturing stdout and stderr, so CLI tests see exactly what a user sees.
 */
public final class CliHarness {
    private final Class<?> rootCommand;
    private final Path home;
    private final Map<String, String> env = new HashMap<>();

    public CliHarness(Class<?> rootCommand, Path home) {
        this.rootCommand = rootCommand;
        this.home = home;
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
        env.put("XDG_DATA_HOME", home.resolve("data").toString());
        env.put("NO_COLOR", "1");
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CliHarness env(String name, String value) {
        env.put(name, value);
        return this;
    }

    private String stdin = "";

    /** Text the next runs read from standard input. */
    public CliHarness stdin(String text) {
        this.stdin = text;
        return this;
    }

    public CliContext context() {
        return new CliContext(env, home, new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)), false);
    }

    public Path configDir() {
        return context().configDir();
    }

    public CliResult run(String... args) {
        CommandLine cl = CommandLines.create(rootCommand, context());
        var out = new StringWriter();
        var err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliResult(code, out.toString(), err.toString());
    }

    /** What one run printed and returned. */
    public record CliResult(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
