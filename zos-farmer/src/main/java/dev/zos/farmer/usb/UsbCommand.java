package dev.zos.farmer.usb;

import dev.zos.cli.kit.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "usb", mixinStandardHelpOptions = true, description = "Boot media on USB sticks.",
        subcommands = UsbWriteCommand.class)
public final class UsbCommand extends GroupCommand {
}
