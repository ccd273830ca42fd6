package dev.zos.imagegen;

import dev.zos.cli.kit.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "key", mixinStandardHelpOptions = true,
        description = "Manage the grid operator's release key (ed25519) that signs every image's manifest.",
        subcommands = {KeyNewCommand.class})
public final class KeyCommand extends GroupCommand {
}
