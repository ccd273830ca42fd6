package dev.zos.node.boot;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * PID 1 mode inside the image (started by /init): checks the signed manifest, prints the banner, then
 * ({@link NodeStartup}) reaps orphans, brings up the network, mounts the cache disk and hands over to the agent.
 * On a broken image it names the file, waits and exits, which makes the kernel reboot ({@code panic=} on the command line).
 */
@Command(name = "boot", mixinStandardHelpOptions = true,
        description = {"Run as PID 1 inside a Zero-OS image: verify the signed manifest of every file,",
            "print the node banner on the console and keep running. Started by the image's /init, not by people."})
public final class BootCommand extends BaseCommand {
    @Option(names = "--root", defaultValue = "/", paramLabel = "DIR", description = "Root of the image to check (default: ${DEFAULT-VALUE}).")
    Path root;

    @Option(names = "--cmdline", defaultValue = "/proc/cmdline", paramLabel = "FILE", description = "Kernel command line file (default: ${DEFAULT-VALUE}).")
    Path cmdlineFile;

    @Option(names = "--once", description = "Return after the banner instead of staying up (for tests).")
    boolean once;

    @Option(names = "--refuse-delay", defaultValue = "10", paramLabel = "SECONDS", description = "Wait before giving up on a broken image (default: ${DEFAULT-VALUE}).")
    int refuseDelay;

    public BootCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() throws Exception {
        var out = out();
        long mainAfter = jvmUpMillis(); // for PID 1 the process started with the kernel: this is the uptime
        long start = System.nanoTime();
        int threads = Runtime.getRuntime().availableProcessors();
        ManifestCheck.Result check = ManifestCheck.check(root, threads);
        long checkMillis = (System.nanoTime() - start) / 1_000_000;
        if (!check.ok()) {
            for (String p : check.problems().subList(0, Math.min(20, check.problems().size()))) {
                out.println("zos-node: image check failed: " + p);
            }
            return Fatal.reboot(out, "refusing to start: " + check.problems().size() + " problem(s) in the image", refuseDelay, isPid1());
        }
        KernelCmdline cmdline = KernelCmdline.parse(readCmdline());
        out.println(banner(ProcessHandle.current().pid(), Runtime.version().toString(), cmdline) + " (" + check.files() + " files verified in " + checkMillis
                + " ms on " + threads + " thread" + (threads == 1 ? "" : "s") + ", JVM up " + jvmUpMillis() + " ms, main after " + mainAfter + " ms)");
        out.flush();
        if (once) {
            return 0;
        }
        if (isPid1()) {
            awaitModules(out, MODULES_LOADED, MODULES_WAIT);
            return new NodeStartup(out, refuseDelay).run(cmdline); // network, cache disk, then the agent
        }
        // not PID 1 (a test or a person): nothing of the machine is touched; stay up like PID 1 would
        while (true) {
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Written by /init's module loader (init.c's MODULES_DONE) once every kernel module is loaded. */
    static final Path MODULES_LOADED = Path.of("/run/zos-modules-loaded");
    static final java.time.Duration MODULES_WAIT = java.time.Duration.ofSeconds(120);

    /**
     * Waits until /init's module loader, which ran while the JVM started and checked the image, is done: the network
     * and the disks need its drivers. Shows its line on the console; goes on after {@code limit} with a warning.
     */
    static void awaitModules(java.io.PrintWriter out, Path marker, java.time.Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!Files.isRegularFile(marker)) {
            if (System.nanoTime() > deadline) {
                out.println("zos-node: kernel modules still loading after " + limit.toSeconds() + " s; going on");
                out.flush();
                return;
            }
            Thread.sleep(50);
        }
        try {
            out.println("zos-init: " + Files.readString(marker).strip());
        } catch (IOException e) {
            out.println("zos-init: modules loaded");
        }
        out.flush();
    }

    private static long jvmUpMillis() {
        return ProcessHandle.current().info().startInstant()
                .map(t -> java.time.Duration.between(t, java.time.Instant.now()).toMillis()).orElse(-1L);
    }

    private static boolean isPid1() {
        return ProcessHandle.current().pid() == 1;
    }

    static String banner(long pid, String javaVersion, KernelCmdline cmdline) {
        return "zos-node: PID " + pid + ", java " + javaVersion
                + ", farm " + cmdline.get("farmer_id").orElse("none (orphan)")
                + ", runmode " + cmdline.get("runmode").orElse("prod");
    }

    private String readCmdline() throws IOException {
        return Files.exists(cmdlineFile) ? Files.readString(cmdlineFile) : "";
    }
}
