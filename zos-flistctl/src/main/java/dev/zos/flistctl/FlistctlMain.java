package dev.zos.flistctl;

import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.CommandLines;
import dev.zos.cli.kit.RootCommand;
import dev.zos.flistctl.publish.LinkCommand;
import dev.zos.flistctl.publish.PublishCommand;
import dev.zos.flistctl.sign.SignCommand;
import picocli.CommandLine.Command;

@Command(name = "zos-flistctl", description = "Pack, publish, verify and mount flists (rfs-compatible).",
        subcommands = {PublishCommand.class, LinkCommand.class, SignCommand.class})
public final class FlistctlMain extends RootCommand {

    FlistctlMain(CliContext context) {
    }

    public static void main(String[] args) {
        CommandLines.main(FlistctlMain.class, args);
    }
}
