package dev.zos.node.workload.host;

import dev.zos.core.ZosException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs host programs (mount, mkfs.ext4, runc, ip). Behind an interface so drivers name their commands in one
 * place and a node image can swap binaries; the real runner is {@link SystemProcessRunner}.
 */
public interface ProcessRunner {

    /** Runs {@code command} to completion with stdin from /dev/null, capturing stdout and stderr. */
    ProcessResult run(List<String> command, Duration timeout);

    /**
     * Runs {@code command} with stdout and stderr appended to {@code log} (so a detached child such as a
     * container keeps writing there after the command returns); returns the exit code.
     */
    int runLogged(List<String> command, Path log, Duration timeout);

    /** {@link #run}, failing with {@code what} and the command's stderr when it exits non-zero. */
    default ProcessResult check(String what, List<String> command, Duration timeout) {
        ProcessResult r = run(command, timeout);
        if (r.exitCode() != 0) {
            throw new ZosException(ZosException.Kind.UNAVAILABLE, what + ": " + command.getFirst() + " exited with "
                    + r.exitCode() + ": " + r.errorLine());
        }
        return r;
    }
}
