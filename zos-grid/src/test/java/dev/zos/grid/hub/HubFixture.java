package dev.zos.grid.hub;

import dev.zos.core.identity.TwinKey;
import dev.zos.core.registry.client.GridClient;
import dev.zos.core.registry.tx.TransactionBuilder;
import dev.zos.flist.hub.HubClient;
import dev.zos.flist.pack.PackOptions;
import dev.zos.flist.pack.Packer;
import dev.zos.flist.store.dir.DirStore;
import dev.zos.grid.server.GridConfig;
import dev.zos.grid.server.GridService;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A real grid (registry + hub) on loopback, with helpers to register twins and pack small flists. */
final class HubFixture implements AutoCloseable {
    final Path dir;
    final GridService service;
    final GridClient grid;

    HubFixture() throws Exception {
        this(null);
    }

    /** A grid whose hub keeps its blocks in {@code blockStore} (a block store URL), or under its directory when null. */
    HubFixture(String blockStore) throws Exception {
        Path shm = Path.of("/dev/shm");
        dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "hub-test")
                : Files.createTempDirectory("hub-test");
        service = GridService.start(new GridConfig(new GridConfig.Listen("127.0.0.1", 0), dir.resolve("grid"), null, null,
                Duration.ofSeconds(60)).withHubStore(blockStore));
        grid = GridClient.of(url());
    }

    String url() {
        return "http://127.0.0.1:" + service.server().port();
    }

    Path hubDir() {
        return service.config().hubDir();
    }

    /** A twin registered on the grid. */
    record Twin(TwinKey key, long id) {
    }

    static TwinKey newKey() {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        return TwinKey.fromSeed(seed);
    }

    Twin newTwin() {
        TwinKey key = newKey();
        long id = grid.submit(TransactionBuilder.twinCreate(key, grid.relayUrl(), null)).id();
        return new Twin(key, id);
    }

    HubClient client(Twin twin) {
        return HubClient.signed(url(), twin.key(), twin.id());
    }

    /** A small tree: a text file, a 1.2 MiB file (3 blocks), a symlink and an empty file, seeded by {@code seed}. */
    static Path tree(Path root, long seed) throws IOException {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/motd"), "hello from the hub " + seed + "\n");
        byte[] big = new byte[1_200_000];
        new Random(seed).nextBytes(big);
        Files.write(root.resolve("big.bin"), big);
        Files.createSymbolicLink(root.resolve("motd"), Path.of("etc/motd"));
        Files.createFile(root.resolve("empty"));
        return root;
    }

    /** Packs a fresh tree into {@code store}; the flist's routes point at that store. */
    Path pack(String name, long seed, DirStore store) throws IOException {
        Path work = Files.createTempDirectory(dir, "pack");
        Path root = tree(work.resolve("tree"), seed);
        Path fl = work.resolve(name);
        Packer.pack(root, fl, store, PackOptions.builder().tag("author", "hub-test").build());
        return fl;
    }

    /** Every file under the hub directory with its size and modification time: "nothing changed" means equal. */
    TreeMap<String, String> snapshot() throws IOException {
        TreeMap<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(hubDir())) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.put(hubDir().relativize(p).toString(), Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return out;
    }

    /** Sends raw bytes of a request line, so no client library normalises the path; returns the status line and body. */
    String raw(String method, String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", service.server().port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    static int status(String rawAnswer) {
        return Integer.parseInt(rawAnswer.substring(9, 12));
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
