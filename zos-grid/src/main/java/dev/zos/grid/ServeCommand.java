package dev.zos.grid;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.grid.server.GridConfig;
import dev.zos.grid.server.GridConfigLoader;
import dev.zos.grid.server.GridServer;
import dev.zos.grid.server.GridService;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the grid: registry, explorer, relay, hub and boot server on one port.",
            "Settings come from flags, then ZOS_GRID_* environment variables, then the YAML file, then defaults."})
final class ServeCommand extends BaseCommand {

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Address to listen on (default 127.0.0.1:8080; env ZOS_GRID_LISTEN).")
    String listen;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default $XDG_DATA_HOME/zos/grid; env ZOS_GRID_DATA_DIR).")
    Path dataDir;

    @Option(names = "--registry", paramLabel = "URL", description = "Registry store: postgres://user:pass@host:port/db (default: SQLite in the data directory; env ZOS_GRID_REGISTRY).")
    String registry;

    @Option(names = "--relay-redis", paramLabel = "URL", description = "Share relay queues with other relays through this Redis, redis://host:port (env ZOS_GRID_RELAY_REDIS).")
    String relayRedis;

    @Option(names = "--report-interval", paramLabel = "SECONDS", description = "Expected interval of node uptime reports (default 2400; env ZOS_GRID_REPORT_INTERVAL).")
    Long reportInterval;

    @Option(names = "--hub-dir", paramLabel = "DIR", description = "Where the flist hub keeps flists and blocks (default DATA_DIR/hub; env ZOS_GRID_HUB_DIR).")
    Path hubDir;

    @Option(names = "--hub-store", paramLabel = "URL", description = {"Keep the hub's blocks in this block store instead of HUB_DIR/blocks:",
            "s3://KEY:SECRET@HOST:PORT/BUCKET?region=R (s3s:// for TLS), zdb://[PASSWORD@]HOST:PORT/NAMESPACE or dir:///PATH",
            "(env ZOS_GRID_HUB_STORE; YAML hub_store). Flists stay in HUB_DIR."})
    String hubStore;

    @Option(names = "--boot-agent", paramLabel = "DIR", description = "Boot server: the built node agent (zos-node.jar + lib/, e.g. zos-node/target); with --boot-release-key it turns the boot server on (env ZOS_GRID_BOOT_AGENT).")
    Path bootAgent;

    @Option(names = "--boot-release-key", paramLabel = "FILE", description = "Boot server: the release secret key that signs the images (zos-imagegen key new FILE; env ZOS_GRID_BOOT_RELEASE_KEY).")
    Path bootReleaseKey;

    @Option(names = "--boot-url", paramLabel = "URL", description = "Boot server: this grid's URL as the nodes reach it, put on their command line (default: the scheme and Host of each request; env ZOS_GRID_BOOT_URL).")
    String bootUrl;

    @Option(names = "--boot-cache", paramLabel = "DIR", description = "Boot server: zos-imagegen's cache of kernels and runtimes (default $XDG_CACHE_HOME/zos; env ZOS_GRID_BOOT_CACHE).")
    Path bootCache;

    @Option(names = "--boot-kernel", paramLabel = "RELEASE", description = "Boot server: Debian kernel release, e.g. 6.1.0-50-amd64 (default: apt's linux-image-amd64, else the newest cached; env ZOS_GRID_BOOT_KERNEL).")
    String bootKernel;

    @Option(names = "--boot-runmode", paramLabel = "MODE", description = "Boot server: the runmode of this grid's nodes, the clients' default: dev, test or prod (default prod; env ZOS_GRID_BOOT_RUNMODE).")
    String bootRunmode;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML settings file (default $XDG_CONFIG_HOME/zos/grid.yaml).")
    Path configFile;

    ServeCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() throws Exception {
        GridConfig config = GridConfigLoader.load(
                new GridConfigLoader.Flags(listen, dataDir, registry, relayRedis, reportInterval, hubDir,
                        new GridConfigLoader.Boot(bootAgent, bootReleaseKey, bootUrl, bootCache, bootKernel, bootRunmode), hubStore),
                context.env(),
                configFile != null ? configFile : context.configDir().resolve("grid.yaml"),
                context.dataDir().resolve("grid"), context.cacheDir());
        var stopped = new CountDownLatch(1);
        GridService service = GridService.start(config);
        String base = "http://" + service.server().host() + ":" + service.server().port();
        out().println("zos-grid listening on " + base + " (explorer " + base + "/, relay ws://"
                + service.server().host() + ":" + service.server().port() + "/)");
        out().println("data in " + config.dataDir() + ", registry " + service.registryDescription());
        out().println("flist hub " + base + "/api/flist, blocks " + base + "/blocks (in " + service.hub().blockStore() + "), flists in " + config.hubDir());
        out().println(config.boot() == null ? "boot server off (configure it with --boot-agent DIR --boot-release-key FILE)"
                : "boot server " + base + "/ipxe/<runmode>/<farm>, nodes reach the grid at "
                        + (config.boot().publicUrl() == null ? "the requests' Host" : config.boot().publicUrl().toString())
                        + ", images cached in " + config.dataDir().resolve("boot"));
        out().flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (Exception e) {
                err().println("zos-grid: error while stopping: " + e.getMessage());
            }
            stopped.countDown();
        }, "grid-shutdown"));
        stopped.await();
        return 0;
    }
}
