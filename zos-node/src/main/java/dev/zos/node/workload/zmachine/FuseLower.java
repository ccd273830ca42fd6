package dev.zos.node.workload.zmachine;

import dev.zos.core.ZosException;
import dev.zos.flist.mount.FlistMount;
import dev.zos.flist.mount.MountTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A lower that is the flist itself, FUSE-mounted read-only at {@code driverDir/mnt/<md5>}: a container starts
 * without unpacking its image, and reads fetch (and verify) only the blocks they touch. The mount is served by a
 * process of its own ({@code zos-node flist-mount}, in its own session), so it outlives an agent restart like the
 * containers on it do; {@link #adopt} finds it again, or mounts the cached flist anew after a reboot.
 */
public final class FuseLower implements RootfsLower {
    /**
     * How long a starting mount process may take: a JVM of its own, which under emulation (a node image in QEMU
     * without KVM) needs more than a minute to start; a process that dies is noticed at once anyway.
     */
    static final Duration MOUNT_WAIT = Duration.ofMinutes(5);
    private static final List<Path> LIBFUSE = List.of(Path.of("/lib/x86_64-linux-gnu/libfuse.so.2"),
            Path.of("/usr/lib/x86_64-linux-gnu/libfuse.so.2"), Path.of("/usr/lib/libfuse.so.2"), Path.of("/lib/libfuse.so.2"));

    private final List<String> launcher;

    /** @param launcher the command that starts zos-node ({@link #selfLauncher()}); {@code flist-mount …} is appended */
    public FuseLower(List<String> launcher) {
        this.launcher = List.copyOf(launcher);
    }

    /** Whether this machine can serve FUSE mounts: the device and Debian's libfuse2, which jnr-fuse binds. */
    public static boolean available() {
        return Files.exists(Path.of("/dev/fuse")) && LIBFUSE.stream().anyMatch(Files::exists);
    }

    /**
     * This JVM's java with the options that tune its start-up (the node image starts PID 1 with C1 only, the serial
     * GC and a CDS archive, which more than halve a JVM's start under emulation), class path and zos-node's main class.
     */
    public static List<String> selfLauncher() {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(startupOptions(ProcessHandle.current().info().arguments().map(List::of).orElse(List.of())));
        cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "dev.zos.node.NodeMain"));
        return cmd;
    }

    /** Of a JVM's arguments, the start-up tuning ones before the class path or main class: -XX:, -Xshare, -Xlog. */
    static List<String> startupOptions(List<String> jvmArguments) {
        List<String> out = new ArrayList<>();
        for (String a : jvmArguments) {
            if (!a.startsWith("-")) {
                break; // the main class: what follows are the program's own arguments
            }
            if (a.equals("-cp") || a.equals("-classpath") || a.equals("--class-path") || a.equals("-jar")) {
                break;
            }
            if (a.startsWith("-XX:") || a.startsWith("-Xshare") || a.startsWith("-Xlog")) {
                out.add(a);
            }
        }
        return out;
    }

    static Path mountPoint(Path driverDir, String md5) {
        return driverDir.resolve("mnt").resolve(md5);
    }

    @Override
    public synchronized Path prepare(FlistFetcher.CachedFlist flist, Path driverDir) {
        Path target = mountPoint(driverDir, flist.md5());
        if (mounted(target)) {
            return target;
        }
        Path log = target.resolveSibling(flist.md5() + ".log");
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            cmd.add("/usr/bin/setsid"); // off the agent's session: a restarting agent must not take the mount with it
        }
        cmd.addAll(launcher);
        cmd.addAll(List.of("flist-mount", "--meta", flist.file().toString(), "--cache", driverDir.resolve("blocks").toString(),
                target.toString()));
        Process process;
        try {
            Files.createDirectories(target);
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        } catch (IOException e) {
            throw ZosException.unavailable("cannot start the flist mount for " + flist.md5() + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + MOUNT_WAIT.toNanos();
        while (!mounted(target)) {
            if (!process.isAlive()) {
                throw ZosException.unavailable("cannot mount flist " + flist.md5() + " on " + target + ": the mount process exited with "
                        + process.exitValue() + ": " + lastLine(log), null);
            }
            if (System.nanoTime() > deadline) {
                process.destroy();
                throw ZosException.unavailable("cannot mount flist " + flist.md5() + " on " + target + ": not mounted after "
                        + MOUNT_WAIT.toSeconds() + " s: " + lastLine(log), null);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroy();
                throw ZosException.unavailable("interrupted while mounting flist " + flist.md5(), e);
            }
        }
        return target;
    }

    @Override
    public Optional<Path> adopt(String md5, Path driverDir, Path flistCache) {
        Path target = mountPoint(driverDir, md5);
        if (mounted(target)) {
            return Optional.of(target);
        }
        Path fl = flistCache.resolve(md5 + ".fl");
        return Files.isRegularFile(fl) ? Optional.of(prepare(new FlistFetcher.CachedFlist(fl, md5), driverDir)) : Optional.empty();
    }

    @Override
    public synchronized void release(String md5, Path driverDir) {
        Path target = mountPoint(driverDir, md5);
        if (mounted(target)) {
            // the serving process exits once its mount is gone
            FlistMount.unmount(target, true);
        }
        try {
            Files.deleteIfExists(target);
            Files.deleteIfExists(target.resolveSibling(md5 + ".log"));
        } catch (IOException e) {
            // an empty folder left behind is harmless; the next prepare reuses it
        }
    }

    static boolean mounted(Path target) {
        return MountTable.at(target.toAbsolutePath().normalize()).map(e -> e.fsType().equals("fuse.g8ufs")).orElse(false);
    }

    private static String lastLine(Path log) {
        try {
            return Files.readAllLines(log).stream().filter(l -> !l.isBlank() && !l.startsWith("WARNING"))
                    .reduce((a, b) -> b).orElse("it printed nothing");
        } catch (IOException e) {
            return "the mount process ended (no log)";
        }
    }
}
