package dev.zos.grid.testing;

import dev.zos.core.identity.TwinKey;
import dev.zos.core.registry.client.GridClient;
import dev.zos.core.registry.model.Location;
import dev.zos.core.registry.model.NodeInterface;
import dev.zos.core.registry.model.Resources;
import dev.zos.core.registry.tx.TransactionBuilder;
import dev.zos.grid.server.GridConfig;
import dev.zos.grid.server.GridService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/** A real grid on loopback for other modules' tests (zos-grid's test-jar), and helpers that act on it as other twins (farmers, nodes). */
public final class TestGrid implements AutoCloseable {
    private final GridService service;
    private final GridClient client;
    private final Path dataDir;

    private TestGrid(GridService service, Path dataDir) {
        this.service = service;
        this.dataDir = dataDir;
        this.client = GridClient.of(url());
    }

    private static TestGrid shared;

    /**
     * One grid for every test class of this JVM (starting one costs seconds); closed when the JVM exits.
     * Tests keep to their own farms, nodes and homes.
     */
    public static synchronized TestGrid shared() throws Exception {
        if (shared == null) {
            shared = start();
            TestGrid grid = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    grid.close();
                } catch (Exception e) {
                    // the JVM is exiting
                }
            }));
        }
        return shared;
    }

    /** Starts a grid with its data on tmpfs when there is one: these tests are about the CLI, not fsync latency. */
    public static TestGrid start() throws Exception {
        Path shm = Path.of("/dev/shm");
        Path dataDir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "zos-grid-test")
                : Files.createTempDirectory("zos-grid-test");
        return new TestGrid(GridService.start(new GridConfig(new GridConfig.Listen("127.0.0.1", 0), dataDir, null, null,
                Duration.ofSeconds(60))), dataDir);
    }

    /** Starts a grid whose boot server builds images with {@code boot} (zos-grid's boot server tests and the netboot IT). */
    public static TestGrid start(dev.zos.grid.boot.BootConfig boot) throws Exception {
        Path shm = Path.of("/dev/shm");
        Path dataDir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "zos-grid-test")
                : Files.createTempDirectory("zos-grid-test");
        return new TestGrid(GridService.start(new GridConfig(new GridConfig.Listen("127.0.0.1", 0), dataDir, null, null,
                Duration.ofSeconds(60)).withBoot(boot)), dataDir);
    }

    /** Starts a grid on {@code listen} (e.g. a port chosen beforehand, so a boot URL can name it). */
    public static TestGrid start(GridConfig.Listen listen, dev.zos.grid.boot.BootConfig boot) throws Exception {
        Path dataDir = Files.createTempDirectory("zos-grid-test");
        return new TestGrid(GridService.start(new GridConfig(listen, dataDir, null, null, Duration.ofSeconds(60)).withBoot(boot)), dataDir);
    }

    public int port() {
        return service.server().port();
    }

    public String url() {
        return "http://127.0.0.1:" + service.server().port();
    }

    public GridClient client() {
        return client;
    }

    public static TwinKey newKey() {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        return TwinKey.fromSeed(seed);
    }

    /** Registers a new twin and returns a builder signing as it. */
    public TransactionBuilder newTwin() {
        TwinKey key = newKey();
        long id = client.submit(TransactionBuilder.twinCreate(key, client.relayUrl(), null)).id();
        return TransactionBuilder.forTwin(key, id);
    }

    /** A farm owned by a new twin; its id. */
    public long newFarm(String name) {
        return client.submit(newTwin().farmCreate(name, 1, List.of())).id();
    }

    /** Registers a node in {@code farmId} with its own twin, reports uptime so it is up; its id. */
    public long newNode(long farmId, String country, Resources resources) {
        var node = newTwin();
        long id = client.submit(node.nodeRegister(farmId, resources, new Location(country, "Ghent", "51.05", "3.72"),
                List.of(new NodeInterface("eth0", "52:54:00:12:34:56", List.of("10.0.2.15"))), "SN-" + farmId, true)).id();
        client.submit(node.nodeUptime(id, 300));
        return id;
    }

    @Override
    public void close() throws Exception {
        try {
            service.close();
        } finally {
            try (var files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
