package dev.zos.node;

import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.CommandLines;
import dev.zos.cli.kit.GroupCommand;
import dev.zos.cli.kit.ManifestVersionProvider;
import picocli.CommandLine.Command;

@Command(name = "zos-node", mixinStandardHelpOptions = true, versionProvider = ManifestVersionProvider.class,
        description = "The Zero-OS node agent: registers with the grid and provisions signed deployments.",
        subcommands = {})
public final class NodeMain extends GroupCommand {

    NodeMain(CliContext context) {
    }

    public static void main(String[] args) {
        CommandLines.main(NodeMain.class, args);
    }
}
