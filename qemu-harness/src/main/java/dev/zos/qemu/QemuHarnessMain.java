package dev.zos.qemu;

import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.CommandLines;
import dev.zos.cli.kit.RootCommand;
import picocli.CommandLine.Command;

@Command(name = "qemu-harness", description = "Boot Zero-OS images under QEMU and wait for the nodes to register.",
        subcommands = {BootCommand.class})
public final class QemuHarnessMain extends RootCommand {

    QemuHarnessMain(CliContext context) {
    }

    public static void main(String[] args) {
        CommandLines.main(QemuHarnessMain.class, args);
    }
}
