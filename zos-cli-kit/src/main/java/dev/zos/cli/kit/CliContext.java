package dev.zos.cli.kit;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may know about the world it runs in: the environment and the user's home.
 * Passed to commands by {@link CommandLines}, so tests run commands with their own XDG folders.
 */
public record CliContext(Map<String, String> env, Path home) {

    public CliContext {
        env = Map.copyOf(Objects.requireNonNull(env, "env"));
        Objects.requireNonNull(home, "home");
    }

    public static CliContext system() {
        return new CliContext(System.getenv(), Path.of(System.getProperty("user.home")));
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
