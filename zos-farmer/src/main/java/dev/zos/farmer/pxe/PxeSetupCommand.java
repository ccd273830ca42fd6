package dev.zos.farmer.pxe;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.GridOption;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.core.ZosException;
import java.net.URI;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "setup", mixinStandardHelpOptions = true,
        description = {"Install and configure a PXE service (dnsmasq proxy-DHCP + TFTP with iPXE) on a Debian/Ubuntu host",
                "of the farm's LAN, chaining machines that network-boot to the grid's iPXE script for the farm.",
                "Idempotent: only what differs is changed, and dnsmasq restarts only when its configuration changed."})
final class PxeSetupCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "USER@HOST[:PORT]", description = "The LAN host to set up (root, or a user with password-less sudo).")
    String target;

    @Option(names = "--farm", paramLabel = "ID", required = true, description = "The farm whose nodes boot from this host.")
    long farm;

    @Option(names = "--runmode", paramLabel = "MODE", defaultValue = "prod", description = "dev, test or prod (default: ${DEFAULT-VALUE}).")
    String runmode;

    @Option(names = "--interface", paramLabel = "IF", description = "LAN interface to serve on (default: the host's default-route interface).")
    String iface;

    @Option(names = "--dry-run", description = "Connect and show what would change, without changing anything.")
    boolean dryRun;

    @Mixin
    SshLoginOptions ssh;

    @Mixin
    GridOption grid;

    @Mixin
    OutputMixin output;

    PxeSetupCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        if (!runmode.matches("dev|test|prod")) {
            throw ZosException.invalid("--runmode must be dev, test or prod, got '" + runmode + "'");
        }
        SshTarget host = SshTarget.parse(target);
        var session = grid.open(context);
        session.client().farm(farm);
        URI script = DnsmasqConfig.scriptUrl(session.client().url(), runmode, farm);
        try (SshRemoteHost remote = SshRemoteHost.connect(host, ssh.login(context))) {
            var report = new PxeProvisioner(remote, host.toString(), dryRun, line -> err().println("==> " + line))
                    .setup(script, farm, iface);
            output.print(out(), report, () -> PxeViews.steps(report));
        }
        return 0;
    }
}
