package dev.zos.grid;

import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.CommandLines;
import dev.zos.cli.kit.RootCommand;
import picocli.CommandLine.Command;

@Command(name = "zos-grid", description = "The grid: registry (signed transaction log), relay, explorer, flist hub and boot server.",
        subcommands = {ServeCommand.class, LogCommand.class})
public final class GridMain extends RootCommand {

    GridMain(CliContext context) {
    }

    public static void main(String[] args) {
        CommandLines.main(GridMain.class, args);
    }
}
