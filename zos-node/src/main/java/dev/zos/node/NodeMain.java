package dev.zos.node;

import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.CommandLines;
import dev.zos.cli.kit.RootCommand;
import dev.zos.node.agent.RunCommand;
import dev.zos.node.boot.BootCommand;
import dev.zos.node.workload.zmachine.FlistMountCommand;
import picocli.CommandLine.Command;

@Command(name = "zos-node", description = "The Zero-OS node agent: registers with the grid and provisions signed deployments.",
        subcommands = {BootCommand.class, RunCommand.class, FlistMountCommand.class})
public final class NodeMain extends RootCommand {

    NodeMain(CliContext context) {
    }

    public static void main(String[] args) {
        CommandLines.main(NodeMain.class, args);
    }
}
