package dev.zos.cli.identity;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.core.identity.Identity;
import dev.zos.core.identity.IdentityStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "List your identities; * marks the current one.")
final class IdentityListCommand extends BaseCommand {
    @Mixin
    OutputMixin output;

    IdentityListCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        var store = new IdentityStore(context.configDir());
        var all = store.list();
        String current = store.current().map(Identity::name).orElse(null);
        output.print(out(), all, () -> IdentityViews.many(all, current));
        return 0;
    }
}
