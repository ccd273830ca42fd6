package dev.zos.cli.grid;

import dev.zos.cli.kit.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "grid", mixinStandardHelpOptions = true,
        description = "Choose the grid the other commands talk to (kept in $XDG_CONFIG_HOME/zos/grids.yaml).",
        subcommands = {GridUseCommand.class, GridShowCommand.class, GridListCommand.class})
public final class GridCommand extends GroupCommand {
}
