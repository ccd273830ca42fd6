package dev.zos.zdb.cli;

import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.CommandLines;
import dev.zos.cli.kit.RootCommand;
import picocli.CommandLine.Command;

@Command(name = "zos-zdb", description = "A 0-db compatible key-value server (RESP, namespaces, append-only files).",
        subcommands = {ServeCommand.class})
public final class ZdbMain extends RootCommand {

    ZdbMain(CliContext context) {
    }

    public static void main(String[] args) {
        CommandLines.main(ZdbMain.class, args);
    }
}
