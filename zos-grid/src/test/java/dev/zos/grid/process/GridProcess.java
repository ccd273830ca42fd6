package dev.zos.grid.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real {@code zos-grid serve} in its own JVM, as an operator runs it, for crash and signal tests. */
final class GridProcess implements AutoCloseable {
    private static final Pattern BANNER = Pattern.compile("^zos-grid listening on (http://\\S+) ");

    final Process process;
    final String url;
    final StringBuilder output = new StringBuilder();

    private GridProcess(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.zos.grid.GridMain");
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Starts {@code zos-grid serve} on a free port and waits for its banner. */
    static GridProcess start(Path dataDir) throws Exception {
        Process p = new ProcessBuilder(command("serve", "--listen", "127.0.0.1:0", "--data-dir", dataDir.toString()))
                .redirectErrorStream(true).start();
        var reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        var out = new StringBuilder();
        var url = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = reader.readLine()) != null; ) {
                    synchronized (out) {
                        out.append(line).append('\n');
                    }
                    Matcher m = BANNER.matcher(line);
                    if (m.find()) {
                        return m.group(1);
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        String u = url.get(30, TimeUnit.SECONDS);
        if (u == null) {
            p.destroyForcibly();
            throw new IllegalStateException("zos-grid did not start:\n" + out);
        }
        var gp = new GridProcess(p, u);
        gp.output.append(out);
        Thread.ofVirtual().start(() -> {
            try {
                for (String line; (line = reader.readLine()) != null; ) {
                    synchronized (gp.output) {
                        gp.output.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // the process went away
            }
        });
        return gp;
    }

    /** Runs {@code zos-grid ARGS} to completion and returns its exit code and output. */
    static Result run(String... args) throws Exception {
        Process p = new ProcessBuilder(command(args)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("zos-grid " + String.join(" ", args) + " did not finish");
        }
        return new Result(p.exitValue(), out);
    }

    record Result(int exitCode, String output) {
    }

    void kill() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL
        process.waitFor(10, TimeUnit.SECONDS);
    }

    int terminate() throws InterruptedException {
        process.destroy(); // SIGTERM
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("zos-grid did not stop on SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
