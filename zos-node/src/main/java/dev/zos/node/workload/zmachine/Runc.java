package dev.zos.node.workload.zmachine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zos.core.ZosException;
import dev.zos.node.workload.host.MountTable;
import dev.zos.node.workload.host.ProcessResult;
import dev.zos.node.workload.host.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The runc command line (or crun's, which takes the same commands), with its state kept under {@code stateRoot} (runc {@code --root}). Containers run
 * detached: runc starts them and exits, the container's stdout and stderr stay attached to the console log file,
 * so the agent can restart without touching them and adopt them by id afterwards.
 */
public final class Runc {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProcessRunner runner;
    private final String binary;
    private final Path stateRoot;
    private final boolean noPivot;

    /** The runc-compatible command lines this class drives, in order of preference. */
    public static final List<String> RUNTIMES = List.of("runc", "crun");

    /**
     * The first of {@link #RUNTIMES} found in the folders of {@code path} (a PATH value), as an absolute path; the bare
     * name {@code runc} when none is there, so the error of the first container names what is missing.
     */
    public static String locate(String path) {
        for (String name : RUNTIMES) {
            for (String dir : path.split(":")) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return RUNTIMES.getFirst();
    }

    /**
     * Whether the host's root is the initial ramdisk (the node image: the kernel's {@code rootfs}), where pivot_root(2)
     * fails with EINVAL: then containers are started with {@code --no-pivot} (their root moved onto / and chrooted
     * into), which runc and crun offer for exactly this case.
     */
    public static boolean rootIsRamdisk(MountTable mounts) {
        return mounts.at(Path.of("/")).map(e -> e.fsType().equals("rootfs") || e.fsType().equals("ramfs")).orElse(false);
    }

    public Runc(ProcessRunner runner, String binary, Path stateRoot) {
        this(runner, binary, stateRoot, false);
    }

    /** @param noPivot start containers with {@code --no-pivot} (see {@link #rootIsRamdisk}) */
    public Runc(ProcessRunner runner, String binary, Path stateRoot, boolean noPivot) {
        this.runner = runner;
        this.binary = binary;
        this.stateRoot = stateRoot;
        this.noPivot = noPivot;
    }

    /** A container's runc status ({@code created}, {@code running}, {@code paused}, {@code stopped}) and init pid. */
    public record State(String status, long pid) {
    }

    public Optional<State> state(String id) {
        ProcessResult r = runner.run(command("state", id), TIMEOUT);
        if (r.exitCode() != 0) {
            // runc: "container does not exist"; crun: "error opening file `<root>/<id>/status`: No such file or directory"
            if (r.stderr().contains("not exist") || r.stderr().contains("No such file or directory")) {
                return Optional.empty();
            }
            throw ZosException.unavailable("cannot read the state of container " + id + ": " + r.errorLine(), null);
        }
        try {
            JsonNode s = JSON.readTree(r.stdout());
            return Optional.of(new State(s.path("status").asText(), s.path("pid").asLong()));
        } catch (IOException e) {
            throw ZosException.unavailable("cannot parse runc state of " + id + ": " + e.getMessage(), e);
        }
    }

    /** Starts the bundle detached, stdout and stderr of the container (and runc's own errors) appended to {@code log}. */
    public void run(String id, Path bundle, Path log) {
        List<String> cmd = noPivot ? command("run", "--no-pivot", "--detach", "--bundle", bundle.toString(), id)
                : command("run", "--detach", "--bundle", bundle.toString(), id);
        int code = runner.runLogged(cmd, log, TIMEOUT);
        if (code != 0) {
            throw ZosException.unavailable("cannot start container " + id + ": " + Path.of(binary).getFileName() + " exited with " + code + ": "
                    + ConsoleLog.lastLine(log), null);
        }
    }

    public void resume(String id) {
        runner.check("cannot resume container " + id, command("resume", id), TIMEOUT);
    }

    /** Kills the container's processes and deletes it; succeeds when there is no such container. */
    public void destroy(String id) {
        if (state(id).isEmpty()) {
            return;
        }
        ProcessResult r = runner.run(command("delete", "--force", id), TIMEOUT);
        if (r.exitCode() != 0 && state(id).isPresent()) {
            throw ZosException.unavailable("cannot delete container " + id + ": " + r.errorLine(), null);
        }
    }

    private List<String> command(String... args) {
        List<String> c = new ArrayList<>(List.of(binary, "--root", stateRoot.toString()));
        c.addAll(List.of(args));
        return c;
    }
}
