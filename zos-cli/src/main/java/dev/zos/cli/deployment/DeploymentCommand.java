package dev.zos.cli.deployment;

import dev.zos.cli.kit.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "deployment", mixinStandardHelpOptions = true,
        description = "Work with deployment files (gridtypes JSON or YAML) without sending them anywhere.",
        subcommands = {DeploymentHashCommand.class})
public final class DeploymentCommand extends GroupCommand {
}
