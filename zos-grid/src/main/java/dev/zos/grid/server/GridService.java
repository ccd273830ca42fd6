package dev.zos.grid.server;

import dev.zos.grid.boot.BootServer;
import dev.zos.grid.explorer.ExplorerRoutes;
import dev.zos.grid.hub.Hub;
import dev.zos.grid.registry.Registry;
import dev.zos.grid.registry.RegistryOptions;
import dev.zos.grid.relay.LocalSwitch;
import dev.zos.grid.relay.RedisSwitch;
import dev.zos.grid.relay.Relay;
import dev.zos.grid.relay.RelayHttp;
import dev.zos.grid.relay.RelayOptions;
import dev.zos.grid.relay.Switch;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The composition root of a grid process: opens the registry, builds the features and serves them on one port.
 * Tests start it in-process on port 0.
 */
public final class GridService implements AutoCloseable {
    private final GridConfig config;
    private final Registry registry;
    private final Relay relay;
    private final GridServer server;
    private final BootServer boot;
    private final Hub hub;

    private GridService(GridConfig config, Registry registry, Relay relay, GridServer server, BootServer boot, Hub hub) {
        this.config = config;
        this.registry = registry;
        this.relay = relay;
        this.server = server;
        this.boot = boot;
        this.hub = hub;
    }

    public Hub hub() {
        return hub;
    }

    public static GridService start(GridConfig config) throws Exception {
        return start(config, RelayOptions.defaults(), Clock.systemUTC());
    }

    public static GridService start(GridConfig config, RelayOptions relayOptions, Clock clock) throws Exception {
        Files.createDirectories(config.dataDir());
        Registry registry = Registry.open(registryLocation(config),
                RegistryOptions.defaults().withClock(clock).withReportInterval(config.reportInterval()));
        Relay relay = null;
        Hub hub = null;
        try {
            Switch sw = config.relayRedisUrl() == null
                    ? new LocalSwitch(relayOptions, clock)
                    : new RedisSwitch(config.relayRedisUrl(), relayOptions, clock);
            relay = new Relay(new RegistryTwinDirectory(registry), sw, relayOptions, clock);
            List<GridServer.Route> routes = new ArrayList<>(ExplorerRoutes.resources(registry, version()));
            routes.add(RelayHttp.metrics(relay));
            BootServer boot = BootServer.of(config.boot(), registry, config.dataDir().resolve("boot"));
            routes.addAll(boot.routes());
            hub = new Hub(config.hubDir(), config.hubStore(), registry, clock);
            // the hub serves /<twin>/<name> at the root and hands every other path to the explorer's 404
            routes.addAll(hub.routes(ExplorerRoutes.notFound().handler()));
            var server = new GridServer(config.listen(), routes, List.of(RelayHttp.upgrade(relay))).start();
            return new GridService(config, registry, relay, server, boot, hub);
        } catch (Exception | Error e) {
            if (hub != null) {
                hub.close();
            }
            if (relay != null) {
                relay.close();
            }
            registry.close();
            throw e;
        }
    }

    static String registryLocation(GridConfig config) {
        return config.registryUrl() != null ? config.registryUrl() : config.dataDir().resolve("registry.db").toString();
    }

    public GridServer server() {
        return server;
    }

    public Registry registry() {
        return registry;
    }

    public BootServer boot() {
        return boot;
    }

    public Relay relay() {
        return relay;
    }

    public GridConfig config() {
        return config;
    }

    public String registryDescription() {
        return redact(config.registryUrl() == null ? "sqlite:" + registryLocation(config) : config.registryUrl());
    }

    static String version() {
        String v = GridService.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** A URL without its password, for logs and banners. */
    static String redact(String url) {
        return url.replaceFirst("://([^:/@]+):[^@/]*@", "://$1:***@");
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            hub.close();
            relay.close();
            registry.close();
        }
    }
}
