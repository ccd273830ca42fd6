package dev.zos.qemu;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "boot", mixinStandardHelpOptions = true,
        description = {"Boot an image on N QEMU nodes (KVM when /dev/kvm exists, else TCG) with user networking",
            "(the guest reaches the host at 10.0.2.2) and a qcow2 disk each, and wait until every console shows --expect.",
            "Everything is torn down on exit or Ctrl-C; logs of failed runs are kept under --logs."})
final class BootCommand extends BaseCommand {
    static final String BANNER = "zos-node: PID 1, java ";

    @Parameters(index = "0", paramLabel = "IMAGE", description = "Kernel-format folder, .iso, .img (USB) or .efi from zos-imagegen build.")
    Path image;

    @Option(names = "--nodes", defaultValue = "1", description = "Number of nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--disk", defaultValue = "10G", paramLabel = "SIZE", description = "qcow2 disk per node (default: ${DEFAULT-VALUE}).")
    String disk;

    @Option(names = "--grid", paramLabel = "URL", description = "Grid URL for the nodes (kernel format: appended to the command line).")
    URI grid;

    @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS", description = "How long to wait for every console (default: ${DEFAULT-VALUE}).")
    int timeout;

    @Option(names = "--expect", paramLabel = "REGEX", description = "Console pattern to wait for (default: the node banner).")
    String expect;

    @Option(names = "--memory", defaultValue = "1024", paramLabel = "MIB", description = "Memory per node in MiB (default: ${DEFAULT-VALUE}).")
    int memory;

    @Option(names = "--cpus", defaultValue = "2", description = "CPUs per node (default: ${DEFAULT-VALUE}).")
    int cpus;

    @Option(names = "--append", paramLabel = "WORDS", description = "Extra kernel command line words (kernel-format images; last value wins).")
    String append;

    @Option(names = "--hold", description = "Keep the nodes running after they came up, until interrupted.")
    boolean hold;

    @Option(names = "--logs", defaultValue = "target/qemu-logs", paramLabel = "DIR", description = "Where logs of failed runs are kept (default: ${DEFAULT-VALUE}).")
    Path logs;

    BootCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() throws Exception {
        Pattern pattern = Pattern.compile(expect != null ? expect : Pattern.quote(BANNER));
        var spec = new QemuCluster.Spec(image, nodes, disk, grid, memory, cpus,
                context.cacheDir().resolve("qemu-harness"), logs, true, append);
        try (QemuCluster cluster = QemuCluster.start(spec)) {
            err().println((QemuCluster.kvmAvailable() ? "KVM" : "TCG") + ": " + nodes + " node(s) from " + image
                    + ", consoles under " + cluster.workDir());
            err().flush();
            List<Duration> took;
            try {
                took = cluster.awaitConsole(pattern, Duration.ofSeconds(timeout));
            } catch (RuntimeException e) {
                cluster.markFailed();
                err().println("logs kept under " + cluster.keptLogs());
                throw e;
            }
            for (int i = 0; i < took.size(); i++) {
                String line = cluster.nodes().get(i).console().lines().filter(l -> pattern.matcher(l).find()).findFirst().orElse("").strip();
                out().printf("%s up in %.1f s: %s%n", cluster.nodes().get(i).config().name(), took.get(i).toMillis() / 1000.0, line);
            }
            out().flush();
            if (hold) {
                err().println("holding; press Ctrl-C to stop the nodes");
                err().flush();
                for (QemuCluster.Node n : cluster.nodes()) {
                    n.process().waitFor();
                }
            }
        }
        return 0;
    }
}
