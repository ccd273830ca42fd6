package dev.zos.imagegen;

import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.CommandLines;
import dev.zos.cli.kit.RootCommand;
import picocli.CommandLine.Command;

@Command(name = "zos-imagegen", description = "Build bootable Zero-OS node images (kernel, iPXE, ISO, USB, EFI).",
        subcommands = {KernelCommand.class, BuildCommand.class, VerifyCommand.class, KeyCommand.class})
public final class ImagegenMain extends RootCommand {

    ImagegenMain(CliContext context) {
    }

    public static void main(String[] args) {
        CommandLines.main(ImagegenMain.class, args);
    }
}
