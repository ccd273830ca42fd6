package dev.zos.farmer.pxe;

import dev.zos.cli.kit.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "pxe", mixinStandardHelpOptions = true,
        description = "Network boot for a farm: set up (or remove) a PXE service on a Debian/Ubuntu host of the farm's LAN over SSH.",
        subcommands = {PxeSetupCommand.class, PxeRemoveCommand.class})
public final class PxeCommand extends GroupCommand {
}
