package dev.zos.cli;

import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.CommandLines;
import dev.zos.cli.kit.GroupCommand;
import dev.zos.cli.kit.ManifestVersionProvider;
import picocli.CommandLine.Command;

@Command(name = "zos", mixinStandardHelpOptions = true, versionProvider = ManifestVersionProvider.class,
        description = "Keep an identity, find capacity and deploy signed workloads on a Zero-OS grid.",
        subcommands = {})
public final class ZosMain extends GroupCommand {

    ZosMain(CliContext context) {
    }

    public static void main(String[] args) {
        CommandLines.main(ZosMain.class, args);
    }
}
