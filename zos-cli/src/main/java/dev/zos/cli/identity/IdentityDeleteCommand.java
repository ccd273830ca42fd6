package dev.zos.cli.identity;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.core.ZosException;
import dev.zos.core.identity.IdentityStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete an identity and its secret from this machine (asks for --yes: there is no undo).")
final class IdentityDeleteCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Identity to delete.")
    String name;

    @Option(names = {"-y", "--yes"}, description = "Confirm the deletion.")
    boolean yes;

    IdentityDeleteCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        var store = new IdentityStore(context.configDir());
        store.get(name);
        if (!yes) {
            throw ZosException.invalid("deleting identity " + name + " destroys its secret; run again with --yes if you have it written down");
        }
        store.delete(name);
        out().println("deleted identity " + name);
        return 0;
    }
}
