package dev.zos.flistctl.store;

import dev.zos.cli.kit.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "store", mixinStandardHelpOptions = true,
        description = "List, add or delete an flist's routes: which store holds the blocks whose id starts with"
                + " a byte in xx-xx.",
        subcommands = {StoreListCommand.class, StoreAddCommand.class, StoreDeleteCommand.class})
public final class StoreCommand extends GroupCommand {
}
