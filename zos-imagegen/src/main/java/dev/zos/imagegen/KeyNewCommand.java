package dev.zos.imagegen;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.core.identity.TwinKey;
import dev.zos.imagegen.manifest.ReleaseKey;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "new", mixinStandardHelpOptions = true,
        description = {"Create a release key pair: FILE (secret, mode 0600) and FILE.pub (public key in hex).",
            "Sign images with --release-key FILE; nodes and 'zos-imagegen verify --key FILE.pub' check them."})
final class KeyNewCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Secret key file (default: $XDG_CONFIG_HOME/zos/release.key).")
    Path file;

    @Option(names = "--force", description = "Replace an existing key (images signed with it no longer verify).")
    boolean force;

    KeyNewCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        Path target = file != null ? file : BuildCommand.defaultKey(context);
        TwinKey key = ReleaseKey.create(target, force);
        out().println("secret key: " + target);
        out().println("public key: " + ReleaseKey.publicFileOf(target) + " (" + key.publicKeyHex() + ")");
        return 0;
    }
}
