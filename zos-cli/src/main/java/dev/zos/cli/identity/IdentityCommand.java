package dev.zos.cli.identity;

import dev.zos.cli.kit.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "identity", mixinStandardHelpOptions = true,
        description = "Keep your twin identities (ed25519 keys from a mnemonic or seed) under $XDG_CONFIG_HOME/zos.",
        subcommands = {IdentityNewCommand.class, IdentityImportCommand.class, IdentityShowCommand.class,
            IdentityListCommand.class, IdentityUseCommand.class, IdentityDeleteCommand.class})
public final class IdentityCommand extends GroupCommand {
}
