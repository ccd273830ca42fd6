package dev.zos.grid.server;

import dev.zos.grid.http.Http;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.pathmap.PathSpec;

/**
 * The composition root of a grid process: opens the registry, builds the features and serves them on one port.
 * Tests start it in-process on port 0.
 */
public final class GridService implements AutoCloseable {
    private final GridConfig config;
    private final GridServer server;

    private GridService(GridConfig config, GridServer server) {
        this.config = config;
        this.server = server;
    }

    public static GridService start(GridConfig config) throws Exception {
        Files.createDirectories(config.dataDir());
        List<GridServer.Route> routes = GridServer.routes(
                new GridServer.Route(PathSpec.from("/health"), Http.handler((req, resp, cb) -> {
                    Http.json(resp, cb, 200, Map.of("status", "ok"));
                    return true;
                })),
                new GridServer.Route(PathSpec.from("/version"), Http.handler((req, resp, cb) -> {
                    Http.json(resp, cb, 200, Map.of("version", version()));
                    return true;
                })));
        var server = new GridServer(config.listen(), routes).start();
        return new GridService(config, server);
    }

    public GridServer server() {
        return server;
    }

    public GridConfig config() {
        return config;
    }

    public String registryDescription() {
        return config.registryUrl() == null ? "sqlite:" + config.dataDir().resolve("registry.db") : redact(config.registryUrl());
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
        server.close();
    }
}
