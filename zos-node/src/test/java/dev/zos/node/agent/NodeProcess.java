package dev.zos.node.agent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real {@code zos-node run} in its own JVM, as a farmer runs it in process mode, for kill tests. */
final class NodeProcess implements AutoCloseable {
    private static final Pattern NODE = Pattern.compile("^zos-node: node (\\d+) \\(twin (\\d+)");

    final Process process;
    final StringBuilder output = new StringBuilder();
    volatile long nodeId;
    volatile long twinId;
    private volatile boolean serving;

    private NodeProcess(Process process) {
        this.process = process;
    }

    static NodeProcess start(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.zos.node.NodeMain");
        cmd.add("run");
        cmd.addAll(List.of(args));
        var np = new NodeProcess(new ProcessBuilder(cmd).redirectErrorStream(true).start());
        var reader = new BufferedReader(new InputStreamReader(np.process.getInputStream(), StandardCharsets.UTF_8));
        Thread.ofVirtual().start(() -> {
            try {
                for (String line; (line = reader.readLine()) != null; ) {
                    synchronized (np.output) {
                        np.output.append(line).append('\n');
                    }
                    Matcher m = NODE.matcher(line);
                    if (m.find()) {
                        np.nodeId = Long.parseLong(m.group(1));
                        np.twinId = Long.parseLong(m.group(2));
                    }
                    if (line.startsWith("zos-node: serving over the relay")) {
                        np.serving = true;
                    }
                }
            } catch (IOException ignored) {
                // the process went away
            }
        });
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!np.serving) {
            if (!np.process.isAlive() || System.nanoTime() > end) {
                np.kill();
                throw new IllegalStateException("zos-node did not come up:\n" + np.output());
            }
            Thread.sleep(50);
        }
        return np;
    }

    String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    void kill() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL: no shutdown hook runs
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
