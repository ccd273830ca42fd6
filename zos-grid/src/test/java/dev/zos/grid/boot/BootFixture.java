package dev.zos.grid.boot;

import dev.zos.core.identity.TwinKey;
import dev.zos.core.registry.client.GridClient;
import dev.zos.core.registry.tx.TransactionBuilder;
import dev.zos.grid.server.GridConfig;
import dev.zos.grid.server.GridService;
import dev.zos.imagegen.build.Runmode;
import dev.zos.imagegen.manifest.ReleaseKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A real grid on loopback with its boot server configured: a stand-in node agent (a jar with a manifest, so these
 * tests do not need zos-node built), a fresh release key, and zos-imagegen's shared cache of Debian kernels and
 * linked runtimes (reruns are fast).
 */
final class BootFixture implements AutoCloseable {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    final Path dir;
    final Path agent;
    final Path key;
    final GridService service;
    final GridClient grid;

    /** {@code publicUrl} null: the grid takes each request's Host; {@code boot} false: no boot server at all. */
    BootFixture(URI publicUrl, boolean boot) throws Exception {
        Path shm = Path.of("/dev/shm");
        dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "boot-test")
                : Files.createTempDirectory("boot-test");
        agent = standInAgent(dir.resolve("agent"));
        key = dir.resolve("release.key");
        ReleaseKey.create(key, false);
        GridConfig config = new GridConfig(new GridConfig.Listen("127.0.0.1", 0), dir.resolve("grid"), null, null, Duration.ofSeconds(60));
        if (boot) {
            config = config.withBoot(new BootConfig(agent, key, cacheRoot(), publicUrl, null, Runmode.DEV));
        }
        service = GridService.start(config);
        grid = GridClient.of(url());
    }

    static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache")).resolve("zos");
    }

    static Path standInAgent(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("lib"));
        var mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (var jar = new JarOutputStream(Files.newOutputStream(dir.resolve("zos-node.jar")), mf)) {
            jar.putNextEntry(new java.util.jar.JarEntry("README"));
            jar.write("stand-in agent".getBytes());
        }
        return dir;
    }

    String url() {
        return "http://127.0.0.1:" + service.server().port();
    }

    Path bootDir() {
        return service.config().dataDir().resolve("boot");
    }

    /** A farm owned by a new twin; its id. */
    long newFarm(String name) {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        TwinKey twinKey = TwinKey.fromSeed(seed);
        long twin = grid.submit(TransactionBuilder.twinCreate(twinKey, grid.relayUrl(), null)).id();
        return grid.submit(TransactionBuilder.forTwin(twinKey, twin).farmCreate(name, 1, List.of())).id();
    }

    HttpResponse<byte[]> send(String method, String path, Map<String, String> headers) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(url() + path)).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofMinutes(5));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends the request line as given, so no client library refuses or normalises the path; returns the status. */
    int rawStatus(String method, String path) throws IOException {
        try (var s = new java.net.Socket("127.0.0.1", service.server().port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String answer = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            return Integer.parseInt(answer.substring(9, 12));
        }
    }

    HttpResponse<byte[]> get(String path) throws Exception {
        return send("GET", path, Map.of());
    }

    @Override
    public void close() throws Exception {
        try {
            service.close();
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
