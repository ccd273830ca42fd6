package dev.zos.flistctl;

import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.CommandLines;
import dev.zos.cli.kit.GroupCommand;
import dev.zos.cli.kit.ManifestVersionProvider;
import picocli.CommandLine.Command;

@Command(name = "zos-flistctl", mixinStandardHelpOptions = true, versionProvider = ManifestVersionProvider.class,
        description = "Pack, publish, verify and mount flists (rfs-compatible).",
        subcommands = {})
public final class FlistctlMain extends GroupCommand {

    FlistctlMain(CliContext context) {
    }

    public static void main(String[] args) {
        CommandLines.main(FlistctlMain.class, args);
    }
}
