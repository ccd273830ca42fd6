package dev.zos.cli;

import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.CommandLines;
import dev.zos.cli.kit.RootCommand;
import dev.zos.cli.deployment.DeploymentCommand;
import dev.zos.cli.identity.IdentityCommand;
import picocli.CommandLine.Command;

@Command(name = "zos", description = "Keep an identity, find capacity and deploy signed workloads on a Zero-OS grid.",
        subcommands = {IdentityCommand.class, dev.zos.cli.grid.GridCommand.class, dev.zos.cli.farms.FarmsCommand.class, dev.zos.cli.nodes.NodesCommand.class, DeploymentCommand.class,
            dev.zos.cli.deploy.DeployCommand.class, dev.zos.cli.deploy.SignCommand.class, dev.zos.cli.deploy.GetCommand.class,
            dev.zos.cli.deploy.ListCommand.class, dev.zos.cli.deploy.LogsCommand.class, dev.zos.cli.deploy.CancelCommand.class,
            dev.zos.cli.deploy.UpdateCommand.class, dev.zos.cli.deploy.CallCommand.class, dev.zos.cli.shell.ShellCommand.class})
public final class ZosMain extends RootCommand {

    ZosMain(CliContext context) {
    }

    public static void main(String[] args) {
        CommandLines.main(ZosMain.class, args);
    }
}
