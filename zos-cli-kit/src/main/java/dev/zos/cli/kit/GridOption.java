package dev.zos.cli.kit;

import dev.zos.core.registry.client.GridSession;
import picocli.CommandLine.Option;

/**
 * {@code --grid URL}: the grid a command talks to, overriding the current one chosen with {@code zos grid use};
 * zos and zos-farmer share it, as they share the grid settings.
 */
public final class GridOption {
    @Option(names = "--grid", paramLabel = "URL",
            description = "Grid to talk to (default: the current one, chosen with 'zos grid use URL').")
    String url;

    /** A session on the chosen grid with the current identity. */
    public GridSession open(CliContext context) {
        return GridSession.open(context.configDir(), url);
    }
}
