package dev.zos.node.agent;

import dev.zos.core.ZosException;
import dev.zos.core.registry.client.GridClient;
import dev.zos.node.boot.KernelCmdline;
import dev.zos.node.capacity.StorageSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Everything the agent runs with, validated. Flags win over the kernel command line (SPEC-boot: {@code farmer_id},
 * {@code runmode}, {@code zos-grid}, {@code registry} or ThreeFold's {@code substrate}, {@code relay}).
 *
 * @param farmId            the farm to join; 0 means none: an orphan node, which registers and provisions nothing
 * @param gridUrl           the grid (explorer, hub)
 * @param registryUrl       where transactions go and the registry is read (the grid unless told otherwise)
 * @param relayUrl          the relay the node holds its one session to
 * @param dataDir           identity seed, deployments, registration state, drivers' files
 * @param runmode           dev, qa, test or prod
 * @param uptimeInterval    how often the node reports uptime (zos: 40 min)
 * @param reconcileInterval how often the node checks its contracts and power target against the registry
 * @param storage           which storage the node sells
 */
public record NodeConfig(long farmId, URI gridUrl, URI registryUrl, URI relayUrl, Path dataDir, String runmode,
                         Duration uptimeInterval, Duration reconcileInterval, StorageSource storage) {
    public static final Duration DEFAULT_UPTIME = Duration.ofMinutes(40);
    public static final Duration DEFAULT_RECONCILE = Duration.ofMinutes(5);
    static final java.util.List<String> RUNMODES = java.util.List.of("dev", "qa", "test", "prod");

    public NodeConfig {
        if (farmId < 0 || farmId > 0xFFFF_FFFFL) {
            throw ZosException.invalid("farm id must be 0 to 4294967295, got " + farmId);
        }
        if (gridUrl == null || registryUrl == null || relayUrl == null) {
            throw ZosException.invalid("no grid: pass --grid URL or put zos-grid=URL on the kernel command line");
        }
        if (dataDir == null) {
            throw ZosException.invalid("no data directory: pass --data-dir DIR");
        }
        if (!RUNMODES.contains(runmode)) {
            throw ZosException.invalid("runmode must be one of dev, qa, test, prod, got '" + runmode + "'");
        }
        positive(uptimeInterval, "uptime interval");
        positive(reconcileInterval, "reconcile interval");
        if (storage == null) {
            throw ZosException.invalid("storage source is missing");
        }
    }

    public boolean orphan() {
        return farmId == 0;
    }

    /** Flags as given on the command line; null where not given. */
    public record Flags(String farm, String grid, String registry, String relay, Path dataDir, String runmode,
                        Duration uptimeInterval, Duration reconcileInterval, StorageSource storage) {
    }

    /** Resolves flags over the kernel command line, then defaults; INVALID naming the bad value. */
    public static NodeConfig resolve(Flags f, KernelCmdline cmdline, StorageSource defaultStorage) {
        String farmText = f.farm() != null ? f.farm() : cmdline.get("farmer_id").orElse("0");
        long farm = farm(farmText, f.farm() != null ? "--farm" : "farmer_id=");
        String registryText = first(f.registry(), cmdline.get("registry").orElse(null), cmdline.get("substrate").orElse(null));
        String gridText = first(f.grid(), cmdline.get("zos-grid").orElse(null), registryText);
        if (gridText == null) {
            throw ZosException.invalid("no grid: pass --grid URL or put zos-grid=URL on the kernel command line");
        }
        URI grid = GridClient.parseUrl(gridText);
        URI registry = registryText == null ? grid : httpUrl(registryText, "registry");
        String relayText = first(f.relay(), cmdline.get("relay").orElse(null));
        URI relay = relayText == null ? URI.create(GridClient.of(grid.toString()).relayUrl()) : wsUrl(relayText);
        String runmode = first(f.runmode(), cmdline.get("runmode").orElse(null), "prod").toLowerCase(Locale.ROOT);
        return new NodeConfig(farm, grid, registry, relay, f.dataDir(), runmode,
                f.uptimeInterval() == null ? DEFAULT_UPTIME : f.uptimeInterval(),
                f.reconcileInterval() == null ? DEFAULT_RECONCILE : f.reconcileInterval(),
                f.storage() == null ? defaultStorage : f.storage());
    }

    private static long farm(String text, String source) {
        try {
            long v = Long.parseLong(text.strip());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw ZosException.invalid(source + " must be a farm id (a whole number), got '" + text + "'");
        }
    }

    private static URI httpUrl(String text, String what) {
        try {
            return GridClient.parseUrl(text);
        } catch (ZosException e) {
            throw ZosException.invalid(what + ": " + e.getMessage());
        }
    }

    private static URI wsUrl(String text) {
        try {
            URI u = new URI(text.strip());
            if (!("ws".equals(u.getScheme()) || "wss".equals(u.getScheme())) || u.getHost() == null || u.getRawQuery() != null) {
                throw ZosException.invalid("relay URL must be ws://HOST[:PORT]/ or wss://HOST[:PORT]/ without a query, got '" + text + "'");
            }
            return u;
        } catch (URISyntaxException e) {
            throw ZosException.invalid("relay URL '" + text + "' is not a URL: " + e.getReason());
        }
    }

    private static void positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw ZosException.invalid(what + " must be positive");
        }
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
