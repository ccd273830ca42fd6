package dev.zos.cli.identity;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.core.ZosException;
import dev.zos.core.identity.Identity;
import dev.zos.core.identity.IdentityStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import an identity from a BIP-39 mnemonic or a 0x-prefixed 32-byte hex seed.",
            "Without SECRET (or with -) the secret is read from standard input, hidden at a terminal;",
            "prefer that: arguments are visible to other users in the process list."})
final class IdentityImportCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SECRET", description = "Mnemonic (quoted) or 0x hex seed; - or nothing reads standard input.")
    String secret;

    @Option(names = {"-n", "--name"}, defaultValue = "default", description = "Profile name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--force", description = "Replace an existing identity of the same name.")
    boolean force;

    @Mixin
    OutputMixin output;

    IdentityImportCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        String text = secret == null || secret.equals("-") ? context.readSecret("mnemonic or 0x seed: ") : secret;
        if (text.isBlank()) {
            throw ZosException.invalid("no secret given; pass a mnemonic or 0x seed on standard input");
        }
        var store = new IdentityStore(context.configDir());
        Identity id = store.importSecret(name, text, force);
        boolean current = store.current().map(c -> c.name().equals(name)).orElse(false);
        output.print(out(), id, () -> IdentityViews.one(id, current));
        return 0;
    }
}
