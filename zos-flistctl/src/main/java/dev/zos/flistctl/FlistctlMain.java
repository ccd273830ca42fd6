package dev.zos.flistctl;

import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.CommandLines;
import dev.zos.cli.kit.RootCommand;
import dev.zos.flistctl.clone.CloneCommand;
import dev.zos.flistctl.convert.ConvertCommand;
import dev.zos.flistctl.diff.DiffCommand;
import dev.zos.flistctl.inspect.CatCommand;
import dev.zos.flistctl.inspect.LsCommand;
import dev.zos.flistctl.inspect.StatCommand;
import dev.zos.flistctl.inspect.TreeCommand;
import dev.zos.flistctl.mount.MountCommand;
import dev.zos.flistctl.mount.UmountCommand;
import dev.zos.flistctl.pack.PackCommand;
import dev.zos.flistctl.publish.LinkCommand;
import dev.zos.flistctl.publish.PublishCommand;
import dev.zos.flistctl.sign.SignCommand;
import dev.zos.flistctl.store.StoreCommand;
import dev.zos.flistctl.tag.TagCommand;
import dev.zos.flistctl.unpack.UnpackCommand;
import dev.zos.flistctl.verify.VerifyCommand;
import picocli.CommandLine.Command;

@Command(name = "zos-flistctl", description = "Pack, publish, verify and mount flists (rfs-compatible).",
        subcommands = {PackCommand.class, UnpackCommand.class, LsCommand.class, TreeCommand.class, StatCommand.class,
            CatCommand.class, DiffCommand.class, VerifyCommand.class, TagCommand.class, StoreCommand.class,
            CloneCommand.class, ConvertCommand.class, MountCommand.class, UmountCommand.class, PublishCommand.class,
            LinkCommand.class, SignCommand.class})
public final class FlistctlMain extends RootCommand {

    FlistctlMain(CliContext context) {
    }

    public static void main(String[] args) {
        CommandLines.main(FlistctlMain.class, args);
    }
}
