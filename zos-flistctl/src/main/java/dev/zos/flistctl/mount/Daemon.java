package dev.zos.flistctl.mount;

import dev.zos.core.ZosException;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flist.mount.FlistMount;
import dev.zos.flist.mount.MountTable;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a mount in a detached copy of this program ({@code setsid java … mount … TARGET}) and waits until the
 * kernel shows the mount, so {@code mount -d} returns only when the files are there. The copy writes its log to
 * a file; when it dies before mounting, that log is the error.
 */
final class Daemon {

    private static final long START_TIMEOUT_MS = 120_000;

    private Daemon() {
    }

    /** Starts the detached mount and returns its log file once the mount is live. */
    static Path start(MountCommand command, Path cacheDir, Path logs) throws IOException, InterruptedException {
        Path target = command.target().toAbsolutePath().normalize();
        // fail here, with a clear line, on what the child would fail on anyway
        if (!Files.isDirectory(target)) {
            throw ZosException.invalid("mount point " + command.target() + " does not exist or is not a directory");
        }
        if (MountTable.at(target).isPresent()) {
            throw ZosException.invalid("mount point " + command.target() + " is already a mount point; unmount it first");
        }
        try (FlistReader ignored = FlistReader.open(command.flist)) {
            // readable flist
        }
        Files.createDirectories(logs);
        Path log = logs.resolve(target.toString().substring(1).replace('/', '_') + ".log");

        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            cmd.add("/usr/bin/setsid");
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(command.mainClass());
        cmd.addAll(command.foregroundArgs(cacheDir));
        Process p = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .start();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        while (System.nanoTime() < deadline) {
            if (MountTable.at(target).filter(e -> e.fsType().equals(FlistMount.FS_TYPE)).isPresent()) {
                return log;
            }
            if (p.waitFor(50, TimeUnit.MILLISECONDS)) {
                throw ZosException.unavailable("the background mount exited (status " + p.exitValue() + "): "
                        + lastLines(log), null);
            }
        }
        p.destroy();
        throw ZosException.unavailable("the background mount did not come up within " + START_TIMEOUT_MS / 1000
                + " s; see " + log, null);
    }

    /**
     * This JVM's options minus those that suit a short command but not a server (C1 only, serial GC, this
     * tool's class-data archive) and a debugger's.
     */
    private static List<String> jvmArguments() {
        List<String> out = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-XX:TieredStopAtLevel") || a.equals("-XX:+UseSerialGC") || a.contains("SharedArchive")
                    || a.startsWith("-Xshare") || a.startsWith("-Xlog:cds") || a.startsWith("-agentlib:jdwp")) {
                continue;
            }
            out.add(a);
        }
        // the JDK's AES-GCM is slow until C2 compiles its intrinsic: compile the crypto provider early
        out.add("-XX:CompileCommand=quiet");
        out.add("-XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.*::*,0.01");
        return out;
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - 3), lines.size());
            return String.join(" | ", tail).strip();
        } catch (IOException e) {
            return "see " + log;
        }
    }
}
