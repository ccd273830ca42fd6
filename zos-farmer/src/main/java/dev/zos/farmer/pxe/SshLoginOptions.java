package dev.zos.farmer.pxe;

import dev.zos.cli.kit.CliContext;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** How zos-farmer logs in over SSH: keys only (never a password on the command line), known hosts checked. */
public final class SshLoginOptions {
    @Option(names = {"-i", "--identity"}, paramLabel = "FILE",
            description = "Private key to log in with (default: ~/.ssh/id_ed25519, id_ecdsa, id_rsa). Repeatable.")
    List<Path> identities;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "Known hosts file (default: ~/.ssh/known_hosts).")
    Path knownHosts;

    @Option(names = "--accept-host-key", paramLabel = "FINGERPRINT",
            description = "Trust this host key (SHA256:… as printed by ssh-keygen -lf) when it is not in the known hosts file.")
    String acceptHostKey;

    SshRemoteHost.Login login(CliContext context) {
        Path ssh = context.home().resolve(".ssh");
        List<Path> keys = identities != null && !identities.isEmpty() ? identities
                : List.of(ssh.resolve("id_ed25519"), ssh.resolve("id_ecdsa"), ssh.resolve("id_rsa"));
        return new SshRemoteHost.Login(knownHosts != null ? knownHosts : ssh.resolve("known_hosts"), acceptHostKey, keys,
                context::readSecret);
    }
}
