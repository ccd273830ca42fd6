package dev.zos.grid;

import dev.zos.cli.kit.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "log", mixinStandardHelpOptions = true, description = "Inspect the registry's signed, hash-chained transaction log.",
        subcommands = {LogVerifyCommand.class})
final class LogCommand extends GroupCommand {
}
