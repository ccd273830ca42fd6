package dev.zos.grid.bench.registry;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code zos-grid serve} child process (same JDK and class path as this JVM) with its start-up times:
 * process start to the banner line, and to {@code GET /health} answering 200. Always stopped by
 * {@link #close()} (SIGTERM, then SIGKILL after 15 s); the child also dies with this JVM's shutdown hook.
 */
final class GridProcess implements AutoCloseable {
    private static final Pattern BANNER = Pattern.compile("zos-grid listening on (http://[0-9.]+:[0-9]+)");

    final Process process;
    final String base;
    final double bannerMs;
    final double healthMs;
    final double cpuMsAtHealth;
    private final Thread hook;

    private GridProcess(Process process, String base, double bannerMs, double healthMs, double cpuMsAtHealth, Thread hook) {
        this.cpuMsAtHealth = cpuMsAtHealth;
        this.process = process;
        this.base = base;
        this.bannerMs = bannerMs;
        this.healthMs = healthMs;
        this.hook = hook;
    }

    /** Starts {@code mainClass serve --listen 127.0.0.1:0 --data-dir dataDir} and waits until /health is 200. */
    static GridProcess start(String mainClass, Path dataDir, List<String> jvmArgs) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        var cmd = new ArrayList<String>();
        cmd.add(java);
        cmd.addAll(jvmArgs);
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of("serve", "--listen", "127.0.0.1:0", "--data-dir", dataDir.toString()));
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("XDG_CONFIG_HOME", dataDir.resolve("config").toString());
        long t0 = System.nanoTime();
        Process p = pb.start();
        Thread hook = new Thread(p::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String base = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            String line;
            var early = new StringBuilder();
            while (base == null && (line = out.readLine()) != null) {
                Matcher m = BANNER.matcher(line);
                if (m.find()) {
                    base = m.group(1);
                } else {
                    early.append(line).append('\n');
                }
                if (System.nanoTime() > deadline) {
                    break;
                }
            }
            long tBanner = System.nanoTime();
            if (base == null) {
                throw new IllegalStateException("grid did not print its banner; output:\n" + early);
            }
            // keep draining its output so it never blocks on a full pipe
            Thread.ofPlatform().daemon(true).name("grid-out").start(() -> {
                try {
                    String l;
                    while ((l = out.readLine()) != null) {
                        if (Boolean.getBoolean("bench.showServerOutput")) {
                            System.err.println("[grid] " + l);
                        }
                    }
                } catch (Exception ignored) {
                    // process gone
                }
            });
            var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            var health = HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(2)).build();
            long tHealth;
            while (true) {
                try {
                    if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        tHealth = System.nanoTime();
                        break;
                    }
                } catch (java.io.IOException ignored) {
                    // not yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("grid /health did not answer 200 in time");
                }
                Thread.sleep(2);
            }
            http.close();
            double cpu = p.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e6;
            return new GridProcess(p, base, (tBanner - t0) / 1e6, (tHealth - t0) / 1e6, cpu, hook);
        } catch (Exception | Error e) {
            p.destroyForcibly();
            throw e;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
    }
}
