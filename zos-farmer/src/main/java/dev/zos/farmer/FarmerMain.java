package dev.zos.farmer;

import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.CommandLines;
import dev.zos.cli.kit.RootCommand;
import picocli.CommandLine.Command;

@Command(name = "zos-farmer", description = "Create farms, make boot media, provision and power-manage Zero-OS nodes.",
        subcommands = {dev.zos.farmer.farm.FarmCommand.class, dev.zos.farmer.nodes.NodesCommand.class})
public final class FarmerMain extends RootCommand {

    FarmerMain(CliContext context) {
    }

    public static void main(String[] args) {
        CommandLines.main(FarmerMain.class, args);
    }
}
