package dev.zos.grid.explorer;

import dev.zos.grid.http.Http;
import dev.zos.grid.registry.Registry;
import dev.zos.grid.server.GridServer;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.http.pathmap.PathSpec;

/**
 * The explorer: the registry's state over HTTP as JSON, shaped like ThreeFold's grid-proxy, and
 * {@code POST /tx} for writes.
 * <pre>{@code
 * var server = new GridServer(listen, ExplorerRoutes.routes(registry, version)).start();
 * }</pre>
 * Read routes answer GET only; list routes take {@code page} (from 1), {@code size} (default 50, at most
 * 1000) and {@code ret_count=true} (the total in a {@code Count} header). Every error is
 * {@code {"error": "<one line>"}}: 400 bad input, 403 forbidden, 404 not found, 405 wrong method,
 * 409 conflict, 413 body too large, 503 unavailable, 500 otherwise.
 */
public final class ExplorerRoutes {
    private ExplorerRoutes() {
    }

    /** All explorer routes, including the {@code /} fallback that answers unknown paths with a 404 JSON. */
    public static List<GridServer.Route> routes(Registry registry, String version) {
        return routes(registry, version, HealthCheck.of(registry, Duration.ofSeconds(2)));
    }

    public static List<GridServer.Route> routes(Registry registry, String version, HealthCheck health) {
        var all = new java.util.ArrayList<>(resources(registry, version, health));
        all.add(notFound());
        return List.copyOf(all);
    }

    /**
     * The explorer's routes without the {@code /} fallback, for a server where another feature (the hub)
     * owns the root and hands the explorer's {@link #notFound()} the paths it does not serve.
     */
    public static List<GridServer.Route> resources(Registry registry, String version) {
        return resources(registry, version, HealthCheck.of(registry, Duration.ofSeconds(2)));
    }

    public static List<GridServer.Route> resources(Registry registry, String version, HealthCheck health) {
        return List.of(
                get("/nodes", new NodesResource(registry)),
                get("/farms", new FarmsResource(registry)),
                get("/twins", new TwinsResource(registry)),
                get("/contracts", new ContractsResource(registry)),
                get("/stats", GridResource.stats(registry)),
                get("/health", GridResource.health(health)),
                get("/version", GridResource.version(version)),
                new GridServer.Route(PathSpec.from("/tx/*"), new TxResource(registry)));
    }

    /**
     * The lowest-priority {@code /} mapping: any path no other route claims gets {@code 404 {"error": ...}}.
     * Included in {@link #routes}; listed alone for a server that mounts the explorer elsewhere.
     */
    public static GridServer.Route notFound() {
        return new GridServer.Route(PathSpec.from("/"), Http.handler((request, response, callback) -> {
            Errors.send(response, callback, Errors.noSuchPath(GetResource.path(request)));
            return true;
        }));
    }

    private static GridServer.Route get(String prefix, GetResource.Action action) {
        return new GridServer.Route(PathSpec.from(prefix + "/*"), new GetResource(prefix, action));
    }
}
