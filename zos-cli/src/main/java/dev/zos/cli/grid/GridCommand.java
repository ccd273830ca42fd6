package dev.zos.cli.grid;

import dev.zos.cli.kit.GroupCommand;
import picocli.CommandLine.Command;

/**
 * {@code zos grid …}. Its primary name is {@code grids} so that its man page, {@code zos-grids(1)}, does not
 * collide with {@code zos-grid(1)}, the grid service's own page; {@code grid} is the alias people type.
 */
@Command(name = "grids", aliases = "grid", mixinStandardHelpOptions = true,
        description = "Choose the grid the other commands talk to (kept in $XDG_CONFIG_HOME/zos/grids.yaml).",
        subcommands = {GridUseCommand.class, GridShowCommand.class, GridListCommand.class})
public final class GridCommand extends GroupCommand {
}
