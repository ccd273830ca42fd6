package dev.zos.flist.store.s3;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 server for tests: s3proxy 2.6.0 on its filesystem backend, run as its own JVM (it brings Jetty 11,
 * this build uses Jetty 12). The build copies its self-contained jar to {@code target/s3proxy/s3proxy.jar}.
 */
public final class S3Proxy implements AutoCloseable {

    public static final String ACCESS = "flist-access";
    public static final String SECRET = "flist-s3cr3t-key";

    private static S3Proxy shared;

    private final Process process;
    private final int port;
    private final Path log;
    private final Path blobs;

    private S3Proxy(Process process, int port, Path log, Path blobs) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.blobs = blobs;
    }

    /** One server for all the test classes of this JVM (it takes seconds to start), stopped when the JVM exits. */
    public static synchronized S3Proxy shared() throws Exception {
        if (shared == null) {
            Path dir = Files.createTempDirectory("s3proxy");
            S3Proxy p = start(dir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    p.close();
                } catch (Exception ignored) {
                    // the JVM is exiting
                }
            }));
            shared = p;
        }
        return shared;
    }

    /** Where the filesystem backend keeps buckets (one directory each) and objects (one file each). */
    public Path blobs() {
        return blobs;
    }

    static Path jar() {
        Path base = Path.of(System.getProperty("basedir", "."));
        Path jar = base.resolve("target/s3proxy/s3proxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("s3proxy is missing at " + jar.toAbsolutePath()
                    + ": run the tests through Maven (generate-test-resources copies it there)");
        }
        return jar;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public static S3Proxy start(Path dir) throws Exception {
        Path blobs = Files.createDirectories(dir.resolve("blobs"));
        int port = freePort();
        Path conf = dir.resolve("s3proxy.conf");
        Files.writeString(conf, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS,
                "s3proxy.credential=" + SECRET,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + blobs, ""));
        Path log = dir.resolve("s3proxy.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar().toString(),
                "--properties", conf.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3Proxy proxy = new S3Proxy(p, port, log, blobs);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("s3proxy exited with " + p.exitValue() + ": " + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return proxy;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        proxy.close();
        throw new AssertionError("s3proxy did not listen on port " + port + " within 90 s: " + Files.readString(log));
    }

    int port() {
        return port;
    }

    public String url(String bucket) {
        return "s3://" + ACCESS + ":" + SECRET + "@127.0.0.1:" + port + "/" + bucket + "?region=us-east-1";
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    Path log() {
        return log;
    }
}
