package dev.zos.imagegen;

import dev.zos.cli.kit.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "kernel", mixinStandardHelpOptions = true,
        description = "Debian kernels for node images, cached under $XDG_CACHE_HOME/zos/kernels.",
        subcommands = {KernelFetchCommand.class})
public final class KernelCommand extends GroupCommand {
}
