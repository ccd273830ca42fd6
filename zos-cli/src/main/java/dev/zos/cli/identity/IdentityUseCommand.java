package dev.zos.cli.identity;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.core.identity.Identity;
import dev.zos.core.identity.IdentityStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "use", mixinStandardHelpOptions = true, description = "Make NAME the identity that signs from now on.")
final class IdentityUseCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Identity to use.")
    String name;

    IdentityUseCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        Identity id = new IdentityStore(context.configDir()).use(name);
        out().println("now using identity " + id.name() + " (" + id.ss58() + ")");
        return 0;
    }
}
