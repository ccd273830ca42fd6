package dev.zos.qemu;

import dev.zos.core.ZosException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A set of QEMU nodes booted from one image: preflight (tools, firmware) → create (disks, firmware copies,
 * vmlinux) → launch → wait for a console pattern → destroy. Destroyed on {@link #close()} and by a shutdown
 * hook, so no QEMU outlives the JVM; the work folder of a failed run is kept under {@code logsDir}.
 */
public final class QemuCluster implements AutoCloseable {
    public static final Path OVMF_CODE = Path.of("/usr/share/OVMF/OVMF_CODE.fd");
    public static final Path OVMF_VARS = Path.of("/usr/share/OVMF/OVMF_VARS.fd");

    /**
     * What to boot and how much of it.
     *
     * @param grid     when set, appended to a kernel-format command line as {@code zos-grid=} (last value wins)
     * @param diskSize qcow2 size per node, e.g. {@code 10G}; null for no disk
     * @param extraAppend more kernel command line words for a kernel-format image, or null
     * @param uefi     boot under OVMF (a fresh copy of its variables per node) instead of SeaBIOS; always for an EFI image
     * @param solidStateDisks give the disks to the guest as SSDs (see {@link QemuConfig#solidStateDisks()}), so a node
     *                    sells them as SSD capacity (SRU), which disk workloads need
     */
    public record Spec(Path image, int nodes, String diskSize, URI grid, int memoryMb, int cpus, Path workRoot, Path logsDir, boolean noReboot,
                       String extraAppend, boolean uefi, boolean solidStateDisks) {
        /** With virtio disks. */
        public Spec(Path image, int nodes, String diskSize, URI grid, int memoryMb, int cpus, Path workRoot, Path logsDir, boolean noReboot,
                    String extraAppend, boolean uefi) {
            this(image, nodes, diskSize, grid, memoryMb, cpus, workRoot, logsDir, noReboot, extraAppend, uefi, false);
        }

        /** Under the image's own firmware: OVMF for an EFI image, SeaBIOS for the others. */
        public Spec(Path image, int nodes, String diskSize, URI grid, int memoryMb, int cpus, Path workRoot, Path logsDir, boolean noReboot,
                    String extraAppend) {
            this(image, nodes, diskSize, grid, memoryMb, cpus, workRoot, logsDir, noReboot, extraAppend, false);
        }

        public Spec {
            if (nodes < 1 || nodes > 64) {
                throw ZosException.invalid("--nodes must be between 1 and 64, got " + nodes);
            }
            if (diskSize != null && !diskSize.matches("\\d+[KMGT]?")) {
                throw ZosException.invalid("--disk must be a size like 10G, got '" + diskSize + "'");
            }
        }
    }

    /** One running node: its config, process and console log. */
    public record Node(QemuConfig config, Process process) {
        public String console() {
            try {
                return Files.exists(config.serialLog()) ? Files.readString(config.serialLog(), StandardCharsets.ISO_8859_1) : "";
            } catch (IOException e) {
                return "";
            }
        }
    }

    private final Spec spec;
    private final Path work;
    private final List<Node> nodes = new ArrayList<>();
    /** Per node, where its console stood at its last reset. */
    private final int[] consoleFrom;
    private final Thread hook;
    private volatile boolean failed;
    private boolean closed;
    /** The boot file of a {@link BootMode#NETBOOT} cluster, null otherwise. */
    private URI bootUrl;
    /** Whether a NETBOOT cluster boots under OVMF (UEFI) instead of SeaBIOS. */
    private boolean uefi;

    private QemuCluster(Spec spec, Path work) {
        this.spec = spec;
        this.work = work;
        this.consoleFrom = new int[spec.nodes()];
        // Ctrl-C or exit: stop every QEMU, keep a failed run's logs, remove the work folder
        this.hook = new Thread(this::closeQuietly, "qemu-teardown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public static Path qemuBinary() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/local/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "qemu-system-x86_64");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new ZosException(ZosException.Kind.UNAVAILABLE, "qemu-system-x86_64 is not installed; install it with: apt-get install -y qemu-system-x86 qemu-utils");
    }

    /**
     * KVM when {@code /dev/kvm} can be opened and the CPU has virtualisation extensions (vmx/svm in /proc/cpuinfo;
     * some sandboxes expose a /dev/kvm that cannot run guests); TCG otherwise. {@code ZOS_QEMU_ACCEL=kvm|tcg} overrides.
     */
    public static boolean kvmAvailable() {
        String forced = System.getenv("ZOS_QEMU_ACCEL");
        if (forced != null && !forced.isBlank()) {
            return forced.strip().equals("kvm");
        }
        Path kvm = Path.of("/dev/kvm");
        if (!Files.exists(kvm) || !Files.isReadable(kvm) || !Files.isWritable(kvm)) {
            return false;
        }
        try {
            return Pattern.compile("^flags\\s*:.*\\b(vmx|svm)\\b", Pattern.MULTILINE).matcher(Files.readString(Path.of("/proc/cpuinfo"))).find();
        } catch (IOException e) {
            return false;
        }
    }

    public static QemuCluster start(Spec spec) {
        return start(spec, BootImage.of(spec.image()), null);
    }

    /**
     * Nodes that boot from the network: QEMU's DHCP hands out {@code bootUrl} (e.g. a grid's
     * {@code http://10.0.2.2:PORT/ipxe/<runmode>/<farm>}) and the NIC's iPXE ROM chains to it. {@code spec.image()} and
     * {@code spec.grid()} are not used: the boot server decides what boots and with which command line.
     */
    public static QemuCluster netboot(URI bootUrl, Spec spec) {
        return start(spec, new BootImage(BootMode.NETBOOT, null, null, null, null), bootUrl, false);
    }

    /** {@link #netboot(URI, Spec)} under OVMF (UEFI) when {@code uefi}, where the console also shows iPXE's output. */
    public static QemuCluster netboot(URI bootUrl, Spec spec, boolean uefi) {
        return start(spec, new BootImage(BootMode.NETBOOT, null, null, null, null), bootUrl, uefi);
    }

    private static QemuCluster start(Spec spec, BootImage image, URI bootUrl) {
        return start(spec, image, bootUrl, false);
    }

    private static QemuCluster start(Spec spec, BootImage image, URI bootUrl, boolean uefi) {
        Path qemu = qemuBinary();
        if ((image.mode() == BootMode.EFI || uefi || spec.uefi()) && (!Files.isRegularFile(OVMF_CODE) || !Files.isRegularFile(OVMF_VARS))) {
            throw new ZosException(ZosException.Kind.UNAVAILABLE, "OVMF firmware is missing; install it with: apt-get install -y ovmf");
        }
        Path work;
        try {
            Files.createDirectories(spec.workRoot());
            work = Files.createTempDirectory(spec.workRoot(), "qemu-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work folder under " + spec.workRoot(), e);
        }
        QemuCluster cluster = new QemuCluster(spec, work);
        cluster.bootUrl = bootUrl;
        cluster.uefi = uefi;
        try {
            cluster.launch(image, qemu);
        } catch (RuntimeException e) {
            cluster.failed = true;
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void launch(BootImage image, Path qemu) {
        try {
            Path kernel = image.mode() == BootMode.KERNEL ? Vmlinux.extract(image.vmlinuz(), work.getParent().resolve("vmlinux-cache")) : null;
            Path efiDir = null;
            if (image.mode() == BootMode.EFI) {
                efiDir = work.resolve("esp");
                Files.createDirectories(efiDir.resolve("EFI/BOOT"));
                Files.copy(image.path(), efiDir.resolve("EFI/BOOT/BOOTX64.EFI"));
            }
            String append = image.cmdline();
            if (append != null) {
                // a busy host can starve TCG's PIT during the IO-APIC timer check and panic the kernel: skip the check
                append = append + " no_timer_check";
                if (spec.grid() != null) {
                    String g = spec.grid().toString().replaceAll("/+$", "");
                    append = append + " zos-grid=" + g + " registry=" + g;
                }
                if (spec.extraAppend() != null && !spec.extraAppend().isBlank()) {
                    append = append + " " + spec.extraAppend().strip();
                }
            }
            for (int i = 1; i <= spec.nodes(); i++) {
                Path dir = work.resolve("node-" + i);
                Files.createDirectories(dir);
                List<Path> disks = new ArrayList<>();
                if (spec.diskSize() != null) {
                    Path disk = dir.resolve("disk.qcow2");
                    run(List.of("qemu-img", "create", "-q", "-f", "qcow2", disk.toString(), spec.diskSize()));
                    disks.add(disk);
                }
                Path vars = null;
                boolean onOvmf = image.mode() == BootMode.EFI || uefi || spec.uefi();
                if (onOvmf) {
                    vars = dir.resolve("OVMF_VARS.fd");
                    Files.copy(OVMF_VARS, vars, StandardCopyOption.REPLACE_EXISTING);
                }
                var config = new QemuConfig("zos-node-" + i, qemu, image.mode(), kernel, image.initramfs(), append,
                        image.path(), efiDir, spec.memoryMb(), spec.cpus(), kvmAvailable(), disks, dir.resolve("console.log"),
                        onOvmf ? OVMF_CODE : null, vars, String.format("52:54:00:12:34:%02x", i), List.of(), spec.noReboot(),
                        bootUrl == null ? null : bootUrl.toString(), qmpSocket(dir), spec.solidStateDisks());
                List<String> argv = QemuArgs.of(config);
                Files.writeString(dir.resolve("qemu.args"), String.join("\n", argv) + "\n");
                Process p = new ProcessBuilder(argv).redirectOutput(dir.resolve("qemu.out").toFile())
                        .redirectErrorStream(true).start();
                nodes.add(new Node(config, p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start QEMU in " + work, e);
        }
    }

    /** A QMP socket in the node's folder when its path fits a unix socket address; none otherwise (then no {@link #reset}). */
    private static Path qmpSocket(Path nodeDir) {
        Path socket = nodeDir.resolve("qmp.sock");
        return socket.toString().getBytes(StandardCharsets.UTF_8).length <= QemuConfig.MAX_SOCKET_PATH && !socket.toString().contains(",")
                ? socket : null;
    }

    /**
     * Presses node {@code index}'s reset button (QMP {@code system_reset}): the machine reboots from the same image with
     * the same disks, as after a power cut. From then on {@link #awaitConsole} matches only what that node printed after
     * the reset. Needs {@code noReboot} off: with QEMU's -no-reboot a reset makes QEMU exit.
     */
    public void reset(int index) {
        Node n = nodes.get(index);
        if (spec.noReboot()) {
            throw ZosException.invalid("cannot reset " + n.config().name() + ": the cluster runs with noReboot, where a reset stops QEMU");
        }
        if (n.config().qmpSocket() == null) {
            throw new ZosException(ZosException.Kind.UNAVAILABLE, "cannot reset " + n.config().name() + ": its work folder " + work
                    + " is too deep for a QMP unix socket; use a shorter workRoot");
        }
        if (!n.process().isAlive()) {
            throw new ZosException(ZosException.Kind.UNAVAILABLE, "cannot reset " + n.config().name() + ": QEMU exited with " + n.process().exitValue());
        }
        consoleFrom[index] = n.console().length();
        QmpCommand.execute(n.config().qmpSocket(), "system_reset", java.time.Duration.ofSeconds(30));
    }

    /** What node {@code index} printed since its last {@link #reset} (since it started when never reset). */
    public String consoleSinceReset(int index) {
        String c = nodes.get(index).console();
        return c.substring(Math.min(consoleFrom[index], c.length()));
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    public Path workDir() {
        return work;
    }

    /**
     * Waits until every node's console (since its last {@link #reset}) matches; returns the time each took. Fails (and
     * keeps the logs) on timeout.
     */
    public List<Duration> awaitConsole(Pattern pattern, Duration timeout) {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        Duration[] took = new Duration[nodes.size()];
        int done = 0;
        try {
            while (done < nodes.size()) {
                for (int i = 0; i < nodes.size(); i++) {
                    if (took[i] != null) {
                        continue;
                    }
                    Node n = nodes.get(i);
                    if (pattern.matcher(consoleSinceReset(i)).find()) {
                        took[i] = Duration.between(start, Instant.now());
                        done++;
                    } else if (!n.process().isAlive()) {
                        failed = true;
                        throw new ZosException(ZosException.Kind.UNAVAILABLE, n.config().name() + " stopped (QEMU exit " + n.process().exitValue()
                                + ") before its console showed /" + pattern + "/; console ends: " + tail(n));
                    }
                }
                if (done < nodes.size()) {
                    if (Instant.now().isAfter(deadline)) {
                        failed = true;
                        Node slow = nodes.get(java.util.stream.IntStream.range(0, took.length).filter(i -> took[i] == null).findFirst().orElse(0));
                        throw new ZosException(ZosException.Kind.UNAVAILABLE, slow.config().name() + " did not show /" + pattern + "/ within "
                                + timeout.toSeconds() + " s; console ends: " + tail(slow));
                    }
                    Thread.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            failed = true;
            Thread.currentThread().interrupt();
            throw new ZosException(ZosException.Kind.UNAVAILABLE, "interrupted while waiting for the nodes");
        }
        return List.of(took);
    }

    /** Keeps this run's logs under {@code logsDir} when it is closed. */
    public void markFailed() {
        failed = true;
    }

    /** A run that came up: its logs are not kept when it is closed (undoes {@link #markFailed()}). */
    public void markSucceeded() {
        failed = false;
    }

    /** Where the logs of this run were kept, if it failed; null otherwise. */
    public Path keptLogs() {
        return failed ? spec.logsDir().resolve(work.getFileName()) : null;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down; the hook runs destroy() too
        }
        try {
            if (failed) {
                Path keep = spec.logsDir().resolve(work.getFileName());
                Files.createDirectories(keep);
                try (Stream<Path> s = Files.walk(work)) {
                    for (Path p : s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".log") || p.toString().endsWith(".args")
                            || p.toString().endsWith(".out")).toList()) {
                        Path target = keep.resolve(work.relativize(p).toString().replace('/', '-'));
                        Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            deleteTree(work);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + work, e);
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            destroy(); // at exit, stopping every QEMU matters more than the logs
        }
    }

    private void destroy() {
        for (Node n : nodes) {
            n.process().destroy();
        }
        for (Node n : nodes) {
            try {
                if (!n.process().waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    n.process().destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                n.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String tail(Node n) {
        String c = n.console().replaceAll("[\\r\\x1b]", "").strip();
        String[] lines = c.split("\n");
        return String.join(" | ", java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - 3), lines.length));
    }

    static String stamp() {
        return DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
    }

    private static void run(List<String> cmd) throws IOException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new ZosException(ZosException.Kind.UNAVAILABLE, cmd.get(0) + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZosException(ZosException.Kind.UNAVAILABLE, "interrupted");
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
