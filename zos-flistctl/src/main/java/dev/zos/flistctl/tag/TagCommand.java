package dev.zos.flistctl.tag;

import dev.zos.cli.kit.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "tag", mixinStandardHelpOptions = true,
        description = "List, add or delete an flist's tags (version, description, author, any other).",
        subcommands = {TagListCommand.class, TagAddCommand.class, TagDeleteCommand.class})
public final class TagCommand extends GroupCommand {
}
