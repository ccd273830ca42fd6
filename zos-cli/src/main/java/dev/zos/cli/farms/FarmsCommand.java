package dev.zos.cli.farms;

import dev.zos.cli.kit.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "farms", mixinStandardHelpOptions = true, description = "Find farms on the grid.",
        subcommands = {FarmsListCommand.class})
public final class FarmsCommand extends GroupCommand {
}
