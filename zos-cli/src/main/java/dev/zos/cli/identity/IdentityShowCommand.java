package dev.zos.cli.identity;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.cli.kit.Table;
import dev.zos.core.ZosException;
import dev.zos.core.identity.Identity;
import dev.zos.core.identity.IdentityStore;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show an identity's public key (hex) and SS58 address; never its secret unless --reveal-secret.")
final class IdentityShowCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Identity to show (default: the current one).")
    String name;

    @Option(names = "--reveal-secret", description = "Also print the mnemonic or seed, to move the identity elsewhere.")
    boolean revealSecret;

    @Mixin
    OutputMixin output;

    IdentityShowCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        var store = new IdentityStore(context.configDir());
        String current = store.current().map(Identity::name).orElse(null);
        String wanted = name != null ? name : current;
        if (wanted == null) {
            throw ZosException.notFound("no current identity; create one with 'zos identity new' or choose one with 'zos identity use NAME'");
        }
        Identity id = store.get(wanted);
        if (revealSecret) {
            String secret = store.revealSecret(wanted);
            output.print(out(), new IdentityNewCommand.Created(id, secret), () -> {
                var rows = new ArrayList<>(IdentityViews.one(id, wanted.equals(current)).rows());
                rows.add(List.of("secret", secret));
                return new Table(List.of("FIELD", "VALUE"), rows);
            });
        } else {
            output.print(out(), id, () -> IdentityViews.one(id, wanted.equals(current)));
        }
        return 0;
    }
}
