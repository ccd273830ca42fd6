package dev.zos.farmer.pxe;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputMixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "remove", mixinStandardHelpOptions = true,
        description = {"Undo 'pxe setup' on a host: remove the dnsmasq drop-in and restart dnsmasq without it.",
                "The dnsmasq and ipxe packages stay installed."})
final class PxeRemoveCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "USER@HOST[:PORT]", description = "The host 'pxe setup' configured.")
    String target;

    @Option(names = "--purge", description = "Also delete the TFTP root with the iPXE loaders.")
    boolean purge;

    @Option(names = "--dry-run", description = "Connect and show what would change, without changing anything.")
    boolean dryRun;

    @Mixin
    SshLoginOptions ssh;

    @Mixin
    OutputMixin output;

    PxeRemoveCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        SshTarget host = SshTarget.parse(target);
        try (SshRemoteHost remote = SshRemoteHost.connect(host, ssh.login(context))) {
            var report = new PxeProvisioner(remote, host.toString(), dryRun, line -> err().println("==> " + line)).remove(purge);
            output.print(out(), report, () -> PxeViews.steps(report));
        }
        return 0;
    }
}
