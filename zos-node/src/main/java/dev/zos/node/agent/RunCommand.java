package dev.zos.node.agent;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.node.boot.KernelCmdline;
import dev.zos.node.capacity.StorageSource;
import java.nio.file.Path;
import dev.zos.core.time.DurationText;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zos-node run}: the agent in process mode, on a machine it shares with its host. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the node agent as an ordinary process: load or create the node identity in the data",
            "directory, register the node in its farm, hold one outbound relay session and provision the signed",
            "deployments sent to it. Opens no listening socket. Stops on SIGINT/SIGTERM; deployments survive restarts."})
public final class RunCommand extends BaseCommand {
    @Option(names = "--farm", paramLabel = "ID", description = "Farm to join (else farmer_id= of --cmdline; none: orphan node that does nothing).")
    String farm;

    @Option(names = "--grid", paramLabel = "URL", description = "The grid, http(s)://HOST[:PORT] (else zos-grid= of --cmdline).")
    String grid;

    @Option(names = "--registry", paramLabel = "URL", description = "Registry (explorer) URL if not the grid's (else registry= or substrate=).")
    String registry;

    @Option(names = "--relay", paramLabel = "URL", description = "Relay, ws(s)://HOST[:PORT]/ (else relay=; default: the grid's).")
    String relay;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "Where the node keeps its identity seed, deployments and workload files.")
    Path dataDir;

    @Option(names = "--runmode", paramLabel = "MODE", description = "dev, qa, test or prod (else runmode=; default prod).")
    String runmode;

    @Option(names = "--uptime-interval", paramLabel = "DURATION", description = "Uptime report interval, e.g. 40m, 90s (default 40m).")
    String uptimeInterval;

    @Option(names = "--reconcile-interval", paramLabel = "DURATION", description = "How often contracts and the power target are checked (default 5m).")
    String reconcileInterval;

    @Option(names = "--storage", paramLabel = "SOURCE", description = "Storage the node sells: datadir-ssd (default: the data directory's file system as SSD), datadir-hdd, or disks (every disk in /sys/block, by its rotational flag).")
    String storage;

    @Option(names = "--cmdline", paramLabel = "TEXT", description = "A kernel command line to read settings from (farmer_id=, runmode=, zos-grid=, registry=, relay=).")
    String cmdline;

    public RunCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() throws Exception {
        NodeConfig config = NodeConfig.resolve(new NodeConfig.Flags(farm, grid, registry, relay, dataDir, runmode,
                        duration(uptimeInterval, "--uptime-interval"), duration(reconcileInterval, "--reconcile-interval"),
                        storage == null ? null : StorageSource.of(storage)),
                KernelCmdline.parse(cmdline == null ? "" : cmdline), StorageSource.DATA_DIR_SSD);
        var out = out();
        var host = NodeAgent.Host.system();
        var stopped = new CountDownLatch(1);
        NodeAgent agent = NodeAgent.start(config, host, line -> {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "zos-node-shutdown"));
        stopped.await();
        return 0;
    }

    /** {@link DurationText}'s grammar; an interval must be positive. */
    static Duration duration(String text, String option) {
        if (text == null) {
            return null;
        }
        try {
            Duration d = DurationText.parse(text);
            if (!d.isZero()) {
                return d;
            }
        } catch (IllegalArgumentException e) {
            // the one message below
        }
        throw dev.zos.core.ZosException.invalid(option + " must be " + DurationText.FORMS + ", got '" + text + "'");
    }
}
