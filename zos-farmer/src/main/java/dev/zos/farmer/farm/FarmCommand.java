package dev.zos.farmer.farm;

import dev.zos.cli.kit.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "farm", mixinStandardHelpOptions = true,
        description = "Create and inspect your farms (signed by the current identity's twin).",
        subcommands = {FarmCreateCommand.class, FarmListCommand.class, FarmShowCommand.class, FarmIpsCommand.class,
                FarmPricingCommand.class})
public final class FarmCommand extends GroupCommand {
}
