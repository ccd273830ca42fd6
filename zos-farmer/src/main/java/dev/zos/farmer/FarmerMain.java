package dev.zos.farmer;

import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.CommandLines;
import dev.zos.cli.kit.RootCommand;
import dev.zos.farmer.bot.BotCommand;
import dev.zos.farmer.farm.FarmCommand;
import dev.zos.farmer.image.ImageCommand;
import dev.zos.farmer.nodes.NodesCommand;
import dev.zos.farmer.pxe.PxeCommand;
import dev.zos.farmer.status.StatusCommand;
import dev.zos.farmer.usb.UsbCommand;
import picocli.CommandLine.Command;

@Command(name = "zos-farmer", description = "Create farms, make boot media, provision and power-manage Zero-OS nodes.",
        subcommands = {FarmCommand.class, ImageCommand.class, NodesCommand.class, PxeCommand.class, UsbCommand.class, BotCommand.class, StatusCommand.class})
public final class FarmerMain extends RootCommand {

    FarmerMain(CliContext context) {
    }

    public static void main(String[] args) {
        CommandLines.main(FarmerMain.class, args);
    }
}
