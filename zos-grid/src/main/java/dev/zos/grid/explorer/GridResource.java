package dev.zos.grid.explorer;

import dev.zos.grid.registry.Registry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /stats}, {@code /health} and {@code /version}: about the grid rather than one entity. */
final class GridResource {
    private static final Logger LOG = LoggerFactory.getLogger(GridResource.class);

    private GridResource() {
    }

    static GetResource.Action stats(Registry registry) {
        return exact((request, segments) -> Reply.ok(StatsJson.of(registry.stats())));
    }

    static GetResource.Action health(HealthCheck check) {
        return exact((request, segments) -> {
            try {
                check.check();
                return Reply.ok(Map.of("status", "ok"));
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.warn("health check failed: {}", e.toString());
                return new Reply(503, Map.of("status", "unavailable", "error", "the registry does not answer"), null);
            }
        });
    }

    static GetResource.Action version(String version) {
        return exact((request, segments) -> Reply.ok(Map.of("version", version)));
    }

    /** No sub-paths, no parameters. */
    private static GetResource.Action exact(GetResource.Action action) {
        return (request, segments) -> {
            if (!segments.isEmpty()) {
                throw Errors.noSuchPath(GetResource.path(request));
            }
            Query.of(request, Set.of());
            return action.answer(request, List.of());
        };
    }
}
