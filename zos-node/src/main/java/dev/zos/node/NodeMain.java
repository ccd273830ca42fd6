package dev.zos.node;

import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.CommandLines;
import dev.zos.cli.kit.RootCommand;
import picocli.CommandLine.Command;

@Command(name = "zos-node", description = "The Zero-OS node agent: registers with the grid and provisions signed deployments.",
        subcommands = {})
public final class NodeMain extends RootCommand {

    NodeMain(CliContext context) {
    }

    public static void main(String[] args) {
        CommandLines.main(NodeMain.class, args);
    }
}
