package dev.zos.farmer.nodes;

import dev.zos.cli.kit.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "nodes", mixinStandardHelpOptions = true,
        description = "Watch your farms' nodes and set their power target.",
        subcommands = {NodesListCommand.class, NodesShowCommand.class, NodesPowerCommand.class})
public final class NodesCommand extends GroupCommand {
}
