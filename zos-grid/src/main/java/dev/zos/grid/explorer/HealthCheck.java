package dev.zos.grid.explorer;

import dev.zos.grid.registry.Registry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Whether the registry answers, for {@code /health}: throws when it does not. */
@FunctionalInterface
public interface HealthCheck {
    void check() throws Exception;

    /** The registry answers a stats query within {@code timeout}. */
    static HealthCheck of(Registry registry, Duration timeout) {
        return () -> CompletableFuture.runAsync(registry::stats, r -> Thread.ofVirtual().name("explorer-health").start(r))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
