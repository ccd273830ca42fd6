package dev.zos.cli.kit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may know about the world it runs in: the environment and the user's home.
 * Passed to commands by {@link CommandLines}, so tests run commands with their own XDG folders.
 */
public record CliContext(Map<String, String> env, Path home, InputStream stdin, boolean interactive) {

    public CliContext {
        env = Map.copyOf(Objects.requireNonNull(env, "env"));
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(stdin, "stdin");
    }

    /** A context with no input and no terminal, as for a command run from a script. */
    public CliContext(Map<String, String> env, Path home) {
        this(env, home, InputStream.nullInputStream(), false);
    }

    public static CliContext system() {
        return new CliContext(System.getenv(), Path.of(System.getProperty("user.home")), System.in, isTerminal());
    }

    // Console.isTerminal() exists from Java 22 on, where System.console() is no longer null when redirected.
    private static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /**
     * Reads a secret: hidden from the screen at a terminal, else the first line of standard input.
     * Secrets never come from arguments, which other users see in the process list.
     */
    public String readSecret(String prompt) {
        if (interactive && System.console() != null) {
            char[] chars = System.console().readPassword("%s", prompt);
            return chars == null ? "" : new String(chars).strip();
        }
        try {
            var reader = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
            String line = reader.readLine();
            return line == null ? "" : line.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code $XDG_CONFIG_HOME/zos}, default {@code ~/.config/zos}. */
    public Path configDir() {
        return xdg("XDG_CONFIG_HOME", ".config");
    }

    /** {@code $XDG_CACHE_HOME/zos}, default {@code ~/.cache/zos}. */
    public Path cacheDir() {
        return xdg("XDG_CACHE_HOME", ".cache");
    }

    /** {@code $XDG_DATA_HOME/zos}, default {@code ~/.local/share/zos}. */
    public Path dataDir() {
        return xdg("XDG_DATA_HOME", ".local/share");
    }

    /** True when colour is off: {@code NO_COLOR} set to anything (see no-color.org) or a dumb terminal. */
    public boolean noColor() {
        return env.containsKey("NO_COLOR") || "dumb".equals(env.get("TERM"));
    }

    public String getenv(String name) {
        return env.get(name);
    }

    private Path xdg(String variable, String fallback) {
        String base = env.get(variable);
        // the XDG spec says relative values are invalid and must be ignored
        Path root = base != null && !base.isBlank() && Path.of(base).isAbsolute() ? Path.of(base) : home.resolve(fallback);
        return root.resolve("zos");
    }
}
