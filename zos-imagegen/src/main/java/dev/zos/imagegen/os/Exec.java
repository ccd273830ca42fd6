package dev.zos.imagegen.os;

import dev.zos.core.ZosException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs host tools with fixed arguments (never through a shell) and turns failures into one clear line. */
public final class Exec {
    private Exec() {
    }

    /** What a finished process printed. */
    public record Result(int exitCode, String out, String err) {
    }

    public static Result run(Path dir, Map<String, String> env, List<String> command) {
        var pb = new ProcessBuilder(command);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().put("LC_ALL", "C");
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw ZosException.unavailable(command.get(0) + " is not installed or not runnable (" + e.getMessage() + ")", e);
        }
        try {
            p.getOutputStream().close();
            var err = new ByteArrayOutputStream();
            Thread t = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
            byte[] out = p.getInputStream().readAllBytes();
            int code = p.waitFor();
            t.join();
            return new Result(code, new String(out, StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ZosException(ZosException.Kind.UNAVAILABLE, "interrupted while running " + command.get(0));
        }
    }

    public static Result run(List<String> command) {
        return run(null, Map.of(), command);
    }

    /** Runs and fails with the tool's last error line unless it exits 0. */
    public static String check(Path dir, List<String> command) {
        Result r = run(dir, Map.of(), command);
        if (r.exitCode() != 0) {
            String detail = (r.err().isBlank() ? r.out() : r.err()).strip();
            int nl = detail.lastIndexOf('\n');
            throw new ZosException(ZosException.Kind.UNAVAILABLE, String.join(" ", command.subList(0, Math.min(2, command.size())))
                    + " failed (exit " + r.exitCode() + "): " + (nl >= 0 ? detail.substring(nl + 1) : detail));
        }
        return r.out();
    }

    public static String check(List<String> command) {
        return check(null, command);
    }

    /** The first existing executable of that name on PATH or in the usual system folders. */
    public static Path which(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Fails early with the Debian package to install when a tool is missing. */
    public static Path require(String tool, String debianPackage) {
        Path p = which(tool);
        if (p == null) {
            throw new ZosException(ZosException.Kind.UNAVAILABLE, tool + " is not installed; install it with: apt-get install -y " + debianPackage);
        }
        return p;
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the process ended
        }
    }
}
