package dev.zos.qemu;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.core.ZosException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "boot", mixinStandardHelpOptions = true,
        description = {"Boot an image on N QEMU nodes (KVM when /dev/kvm exists, else TCG) with user networking",
            "(the guest reaches the host at 10.0.2.2) and a qcow2 disk each, and wait until every console shows --expect",
            "(--until banner) or until every node is up in its farm on the grid (--until registered).",
            "Everything is torn down on exit or Ctrl-C; logs of failed runs are kept under --logs."})
final class BootCommand extends BaseCommand {
    static final String BANNER = "zos-node: PID 1, java ";

    /** What the harness waits for. */
    enum Until {
        /** every console shows the node banner (or --expect) */
        banner,
        /** every node is up in its farm, as the grid's explorer lists it */
        registered
    }

    /** Which firmware the nodes boot under. */
    enum Firmware {
        /** SeaBIOS for kernel, ISO and USB images, OVMF for an EFI image */
        auto,
        bios,
        uefi
    }

    @Parameters(index = "0", paramLabel = "IMAGE", description = "Kernel-format folder, .iso, .img (USB) or .efi from zos-imagegen build.")
    Path image;

    @Option(names = "--nodes", defaultValue = "1", description = "Number of nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--disk", defaultValue = "10G", paramLabel = "SIZE", description = "Blank qcow2 disk per node, the node's cache disk (default: ${DEFAULT-VALUE}).")
    String disk;

    @Option(names = "--grid", paramLabel = "URL", description = {"Grid URL as the nodes reach it, e.g. http://10.0.2.2:8080 (the host).",
        "Kernel format: appended to the command line. ISO, USB, EFI: the grid is baked into the image; this only says where to watch.",
        "Default: the image's zos-grid=."})
    URI grid;

    @Option(names = "--farm", paramLabel = "ID", description = "Farm to watch with --until registered (default: the image's farmer_id=).")
    Long farm;

    @Option(names = "--until", defaultValue = "banner", paramLabel = "WHAT",
            description = "banner (every console shows --expect) or registered (every node is up in the farm on the grid) (default: ${DEFAULT-VALUE}).")
    Until until;

    @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS", description = "How long to wait for every node (default: ${DEFAULT-VALUE}).")
    int timeout;

    @Option(names = "--expect", paramLabel = "REGEX", description = "Console pattern to wait for with --until banner (default: the node banner).")
    String expect;

    @Option(names = "--firmware", defaultValue = "auto", paramLabel = "FW",
            description = "auto (OVMF for .efi, SeaBIOS otherwise), bios or uefi (OVMF with a fresh variable store per node) (default: ${DEFAULT-VALUE}).")
    Firmware firmware;

    @Option(names = "--memory", defaultValue = "1024", paramLabel = "MIB", description = "Memory per node in MiB (default: ${DEFAULT-VALUE}).")
    int memory;

    @Option(names = "--cpus", defaultValue = "2", description = "CPUs per node (default: ${DEFAULT-VALUE}).")
    int cpus;

    @Option(names = "--append", paramLabel = "WORDS", description = "Extra kernel command line words (kernel-format images; last value wins).")
    String append;

    @Option(names = "--ssd", description = {"Give the disks to the guests as SSDs (non-rotating SCSI) instead of virtio disks, which Linux",
            "reports as rotating: nodes then sell them as SSD capacity, which zmounts and volumes need."})
    boolean ssd;

    @Option(names = "--hold", description = "Keep the nodes running after they came up, until interrupted.")
    boolean hold;

    @Option(names = "--logs", defaultValue = "target/qemu-logs", paramLabel = "DIR", description = "Where logs of failed runs are kept (default: ${DEFAULT-VALUE}).")
    Path logs;

    BootCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() throws Exception {
        if (timeout < 1) {
            throw ZosException.invalid("--timeout must be 1 second or more, got " + timeout);
        }
        if (expect != null && until == Until.registered) {
            throw ZosException.invalid("--expect waits for a console line; it does not go with --until registered");
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(expect != null ? expect : Pattern.quote(BANNER));
        } catch (java.util.regex.PatternSyntaxException e) {
            throw ZosException.invalid("--expect is not a valid regular expression: " + e.getDescription());
        }
        BootImage boot = BootImage.of(image);
        if (boot.mode() == BootMode.EFI && firmware == Firmware.bios) {
            throw ZosException.invalid(image + " is an EFI executable: it boots under UEFI only, not --firmware bios");
        }
        if (append != null && boot.mode() != BootMode.KERNEL) {
            throw ZosException.invalid("--append changes a kernel-format command line only; " + image + " carries its own");
        }
        Map<String, String> baked = ImageCmdline.of(boot).map(ImageCmdline::parse).orElse(Map.of());
        RegistrationWatch watch = null;
        if (until == Until.registered) {
            watch = RegistrationWatch.begin(watchedGrid(boot, baked), watchedFarm(baked));
        } else if (grid != null && boot.mode() != BootMode.KERNEL && baked.containsKey("zos-grid")
                && !trimSlash(baked.get("zos-grid")).equals(trimSlash(grid.toString()))) {
            err().println("warning: " + image + " joins " + baked.get("zos-grid") + " (baked in); --grid " + grid + " does not change that");
        }
        if (watch == null && !baked.isEmpty() && boot.mode() != BootMode.KERNEL && !baked.getOrDefault("console", "").startsWith("ttyS0")) {
            err().println("warning: " + image + " has no console=ttyS0 on its command line, so its lines never reach the serial log;"
                    + " wait with --until registered or rebuild it with --console ttyS0");
        }
        var spec = new QemuCluster.Spec(image, nodes, disk, boot.mode() == BootMode.KERNEL ? grid : null, memory, cpus,
                context.cacheDir().resolve("qemu-harness"), logs, true, append, firmware == Firmware.uefi, ssd);
        try (QemuCluster cluster = QemuCluster.start(spec)) {
            boolean uefi = boot.mode() == BootMode.EFI || firmware == Firmware.uefi;
            err().println((QemuCluster.kvmAvailable() ? "KVM" : "TCG") + ", " + (uefi ? "OVMF" : "SeaBIOS") + ": " + nodes + " node(s) from "
                    + image + " (" + boot.mode().name().toLowerCase() + "), consoles under " + cluster.workDir());
            err().flush();
            // a run stopped while waiting (Ctrl-C, timeout, a dead QEMU) keeps its logs; a run that came up does not
            cluster.markFailed();
            try {
                await(cluster, watch, pattern);
            } catch (RuntimeException e) {
                err().println("logs kept under " + cluster.keptLogs());
                throw e;
            }
            cluster.markSucceeded();
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

    private void await(QemuCluster cluster, RegistrationWatch watch, Pattern pattern) {
        if (watch == null) {
            List<Duration> took = cluster.awaitConsole(pattern, Duration.ofSeconds(timeout));
            for (int i = 0; i < took.size(); i++) {
                String line = cluster.nodes().get(i).console().lines().filter(l -> pattern.matcher(l).find()).findFirst().orElse("").strip();
                out().printf("%s up in %.1f s: %s%n", cluster.nodes().get(i).config().name(), took.get(i).toMillis() / 1000.0, line);
            }
        } else {
            for (RegistrationWatch.Registered r : watch.await(nodes, Duration.ofSeconds(timeout), () -> checkRunning(cluster))) {
                var n = r.node();
                out().printf("node %d (twin %d) up in farm %d after %.1f s: %d cpu, %d MiB memory, %.1f GiB ssd%n", n.nodeId(), n.twinId(), n.farmId(),
                        r.after().toMillis() / 1000.0, n.totalResources().cru(), n.totalResources().mru() >> 20, n.totalResources().sru() / (double) (1L << 30));
            }
        }
        out().flush();
    }

    private URI watchedGrid(BootImage boot, Map<String, String> baked) {
        if (grid != null) {
            return grid;
        }
        String g = baked.get("zos-grid");
        if (g == null || g.isBlank()) {
            throw ZosException.invalid("--until registered needs the grid: " + image + " names none (no zos-grid= on its command line); give --grid URL");
        }
        try {
            return URI.create(g);
        } catch (IllegalArgumentException e) {
            throw ZosException.invalid(image + " names the grid '" + g + "', which is not a URL; give --grid URL");
        }
    }

    private long watchedFarm(Map<String, String> baked) {
        if (farm != null) {
            if (farm < 1) {
                throw ZosException.invalid("--farm must be a farm id of 1 or more, got " + farm);
            }
            return farm;
        }
        String f = baked.get("farmer_id");
        if (f == null || !f.matches("[1-9][0-9]{0,18}")) {
            throw ZosException.invalid("--until registered needs the farm: " + image + " names none (no farmer_id= on its command line); give --farm ID");
        }
        return Long.parseLong(f);
    }

    private static void checkRunning(QemuCluster cluster) {
        for (QemuCluster.Node n : cluster.nodes()) {
            if (!n.process().isAlive()) {
                String[] lines = n.console().replaceAll("[\\r\\x1b]", "").strip().split("\n");
                throw new ZosException(ZosException.Kind.UNAVAILABLE, n.config().name() + " stopped (QEMU exit " + n.process().exitValue()
                        + ") before it registered; console ends: " + String.join(" | ", List.of(lines).subList(Math.max(0, lines.length - 3), lines.length)));
            }
        }
    }

    private static String trimSlash(String s) {
        return s.replaceAll("/+$", "");
    }
}
