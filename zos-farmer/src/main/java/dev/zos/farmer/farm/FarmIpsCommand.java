package dev.zos.farmer.farm;

import dev.zos.cli.kit.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "ips", mixinStandardHelpOptions = true,
        description = "Public IPv4 addresses the farm rents out to deployments.",
        subcommands = {FarmIpsAddCommand.class, FarmIpsRemoveCommand.class})
public final class FarmIpsCommand extends GroupCommand {
}
