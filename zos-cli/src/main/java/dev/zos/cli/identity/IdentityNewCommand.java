package dev.zos.cli.identity;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputFormat;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.core.ZosException;
import dev.zos.core.identity.Identity;
import dev.zos.core.identity.IdentityStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "new", mixinStandardHelpOptions = true,
        description = {"Create an identity from a fresh BIP-39 mnemonic and print the mnemonic once.",
            "Write the mnemonic down: it is the only way to recover the identity elsewhere."})
final class IdentityNewCommand extends BaseCommand {
    @Option(names = {"-n", "--name"}, defaultValue = "default", description = "Profile name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--words", defaultValue = "12", description = "Mnemonic length: 12 or 24 words (default: ${DEFAULT-VALUE}).")
    int words;

    @Option(names = "--force", description = "Replace an existing identity of the same name (its secret is lost).")
    boolean force;

    @Mixin
    OutputMixin output;

    IdentityNewCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        if (!IdentityStore.CREATE_WORD_COUNTS.contains(words)) {
            throw ZosException.invalid("--words must be 12 or 24, got " + words);
        }
        var store = new IdentityStore(context.configDir());
        Identity id = store.create(name, words, force);
        String mnemonic = store.revealSecret(name);
        boolean current = store.current().map(c -> c.name().equals(name)).orElse(false);
        output.print(out(), new Created(id, mnemonic), () -> IdentityViews.one(id, current));
        if (output.format() == OutputFormat.TABLE) {
            out().println();
            out().println("mnemonic (write it down; it is shown only now): " + mnemonic);
            out().flush();
        }
        return 0;
    }

    /** What {@code new -o json} prints: the identity and, this once, its mnemonic. */
    record Created(Identity identity, String mnemonic) {
    }
}
