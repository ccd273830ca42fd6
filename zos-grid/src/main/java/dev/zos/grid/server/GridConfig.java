package dev.zos.grid.server;

import dev.zos.core.ZosException;
import dev.zos.grid.boot.BootConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How one grid process runs.
 *
 * @param listen         host and port of the one HTTP port (explorer, relay websocket, hub, boot server)
 * @param dataDir        where the embedded registry, blocks and flists live
 * @param registryUrl    {@code null} for the embedded SQLite registry in {@code dataDir}, or a {@code postgres://} URL
 * @param relayRedisUrl  {@code null} for an in-process relay, or a {@code redis://} URL shared by several relays
 * @param reportInterval how often nodes report uptime; a node is {@code up} while its last report is younger than twice this
 * @param hubDir         where the flist hub keeps flists (and blocks, unless {@code hubStore}); {@code null} for {@code dataDir/hub}
 * @param hubStore       a block store URL for the hub's blocks ({@code s3://}, {@code s3s://}, {@code zdb://}, {@code dir://}),
 *                       or {@code null} for {@code hubDir/blocks}
 * @param boot           the boot server's settings; {@code null} when it is not configured (its routes answer 503)
 */
public record GridConfig(Listen listen, Path dataDir, String registryUrl, String relayRedisUrl, Duration reportInterval,
                         Path hubDir, String hubStore, BootConfig boot) {

    public GridConfig {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(dataDir, "dataDir");
        hubDir = hubDir == null ? dataDir.resolve("hub") : hubDir;
        Objects.requireNonNull(reportInterval, "reportInterval");
        if (registryUrl != null && !registryUrl.startsWith("postgres://") && !registryUrl.startsWith("postgresql://")
                && !registryUrl.startsWith("sqlite:")) {
            throw ZosException.invalid("registry: expected postgres://user:pass@host:port/db or sqlite:FILE, got '" + registryUrl + "'");
        }
        if (relayRedisUrl != null && !relayRedisUrl.startsWith("redis://")) {
            throw ZosException.invalid("relay-redis: expected redis://host:port, got '" + relayRedisUrl + "'");
        }
        if (reportInterval.isNegative() || reportInterval.isZero()) {
            throw ZosException.invalid("report-interval must be positive");
        }
        if (hubStore != null && !hubStore.matches("^(s3s?|zdb|dir)://.+")) {
            throw ZosException.invalid("hub-store: expected an s3://, s3s://, zdb:// or dir:// block store URL, got '"
                    + hubStore.replaceAll("//[^@/]*@", "//…@") + "'");
        }
    }

    /** A configuration without a boot server. */
    public GridConfig(Listen listen, Path dataDir, String registryUrl, String relayRedisUrl, Duration reportInterval,
                      Path hubDir) {
        this(listen, dataDir, registryUrl, relayRedisUrl, reportInterval, hubDir, null, null);
    }

    /** The same configuration with this boot server (or none). */
    public GridConfig withBoot(BootConfig boot) {
        return new GridConfig(listen, dataDir, registryUrl, relayRedisUrl, reportInterval, hubDir, hubStore, boot);
    }

    /** The same configuration with the hub's blocks in this store (or {@code hubDir/blocks}). */
    public GridConfig withHubStore(String url) {
        return new GridConfig(listen, dataDir, registryUrl, relayRedisUrl, reportInterval, hubDir, url, boot);
    }

    /** A configuration whose hub lives in {@code dataDir/hub}. */
    public GridConfig(Listen listen, Path dataDir, String registryUrl, String relayRedisUrl, Duration reportInterval) {
        this(listen, dataDir, registryUrl, relayRedisUrl, reportInterval, null);
    }

    /** A {@code HOST:PORT} to listen on; port 0 picks a free one. */
    public record Listen(String host, int port) {
        public Listen {
            if (host == null || host.isBlank()) {
                throw ZosException.invalid("listen: host is empty");
            }
            if (port < 0 || port > 65535) {
                throw ZosException.invalid("listen: port " + port + " is outside 0-65535");
            }
        }

        public static Listen parse(String text) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw ZosException.invalid("listen: expected HOST:PORT, got '" + text + "'");
            }
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                return new Listen(host, Integer.parseInt(text.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw ZosException.invalid("listen: port '" + text.substring(colon + 1) + "' is not a number");
            }
        }

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
