package dev.zos.node.workload.host;

import dev.zos.core.ZosException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs host programs with {@link ProcessBuilder}; a program that outlives its timeout is killed. */
public final class SystemProcessRunner implements ProcessRunner {

    private static final File DEV_NULL = new File("/dev/null");

    @Override
    public ProcessResult run(List<String> command, Duration timeout) {
        Process p = start(new ProcessBuilder(command).redirectInput(DEV_NULL), command);
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        int code = await(p, command, timeout);
        return new ProcessResult(code, out.join(), err.join());
    }

    @Override
    public int runLogged(List<String> command, Path log, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(DEV_NULL)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return await(start(pb, command), command, timeout);
    }

    private static Process start(ProcessBuilder pb, List<String> command) {
        try {
            return pb.start();
        } catch (IOException e) {
            throw ZosException.unavailable("cannot run " + command.getFirst() + ": " + e.getMessage()
                    + " (is it installed?)", e);
        }
    }

    private static int await(Process p, List<String> command, Duration timeout) {
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw ZosException.unavailable(String.join(" ", command) + " did not finish within "
                        + timeout.toSeconds() + " s", null);
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw ZosException.unavailable("interrupted while running " + command.getFirst(), e);
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
