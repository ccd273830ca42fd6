package dev.zos.cli.nodes;

import dev.zos.cli.kit.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "nodes", mixinStandardHelpOptions = true, description = "Find nodes and their free capacity.",
        subcommands = {NodesListCommand.class, NodesShowCommand.class})
public final class NodesCommand extends GroupCommand {
}
