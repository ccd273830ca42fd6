package dev.zos.flistctl;

import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.CommandLines;
import dev.zos.cli.kit.RootCommand;
import dev.zos.flistctl.mount.MountCommand;
import dev.zos.flistctl.mount.UmountCommand;
import picocli.CommandLine.Command;

@Command(name = "zos-flistctl", description = "Pack, publish, verify and mount flists (rfs-compatible).",
        subcommands = {MountCommand.class, UmountCommand.class})
public final class FlistctlMain extends RootCommand {

    FlistctlMain(CliContext context) {
    }

    public static void main(String[] args) {
        CommandLines.main(FlistctlMain.class, args);
    }
}
