package dev.zos.grid.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.zos.core.ZosException;
import dev.zos.grid.boot.BootConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Resolves a {@link GridConfig} from flags, then environment ({@code ZOS_GRID_*}), then a YAML file, then defaults.
 */
public final class GridConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The keys of the YAML file; the environment uses the same names in upper case with a {@code ZOS_GRID_} prefix. */
    record FileConfig(String listen, @JsonProperty("data_dir") String dataDir, String registry,
                      @JsonProperty("relay_redis") String relayRedis, @JsonProperty("report_interval") Long reportInterval,
                      @JsonProperty("hub_dir") String hubDir, @JsonProperty("boot_agent") String bootAgent,
                      @JsonProperty("boot_release_key") String bootReleaseKey, @JsonProperty("boot_url") String bootUrl,
                      @JsonProperty("boot_cache") String bootCache, @JsonProperty("boot_kernel") String bootKernel,
                      @JsonProperty("boot_runmode") String bootRunmode, @JsonProperty("hub_store") String hubStore) {
        static final FileConfig EMPTY = new FileConfig(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Values given on the command line; {@code null} where a flag was not given. */
    public record Flags(String listen, Path dataDir, String registry, String relayRedis, Long reportIntervalSeconds,
                        Path hubDir, Boot boot, String hubStore) {
        public Flags {
            boot = boot == null ? Boot.NONE : boot;
        }

        public Flags(String listen, Path dataDir, String registry, String relayRedis, Long reportIntervalSeconds, Path hubDir,
                     Boot boot) {
            this(listen, dataDir, registry, relayRedis, reportIntervalSeconds, hubDir, boot, null);
        }

        public Flags(String listen, Path dataDir, String registry, String relayRedis, Long reportIntervalSeconds, Path hubDir) {
            this(listen, dataDir, registry, relayRedis, reportIntervalSeconds, hubDir, null, null);
        }

        public Flags(String listen, Path dataDir, String registry, String relayRedis, Long reportIntervalSeconds) {
            this(listen, dataDir, registry, relayRedis, reportIntervalSeconds, null, null, null);
        }
    }

    /** The boot server's flags; {@code null} where not given. The server runs when agent and release key are set. */
    public record Boot(Path agent, Path releaseKey, String url, Path cache, String kernel, String runmode) {
        public static final Boot NONE = new Boot(null, null, null, null, null, null);
    }

    private GridConfigLoader() {
    }

    public static GridConfig load(Flags flags, Map<String, String> env, Path configFile, Path defaultDataDir) {
        return load(flags, env, configFile, defaultDataDir, defaultDataDir.resolve("cache"));
    }

    /** {@code defaultCacheDir} is zos-imagegen's cache ({@code $XDG_CACHE_HOME/zos}) the boot server uses by default. */
    public static GridConfig load(Flags flags, Map<String, String> env, Path configFile, Path defaultDataDir, Path defaultCacheDir) {
        FileConfig file = configFile != null && Files.exists(configFile) ? read(configFile)
                : FileConfig.EMPTY;
        String listen = first(flags.listen(), env.get("ZOS_GRID_LISTEN"), file.listen(), "127.0.0.1:8080");
        String dataDir = first(flags.dataDir() == null ? null : flags.dataDir().toString(),
                env.get("ZOS_GRID_DATA_DIR"), file.dataDir(), defaultDataDir.toString());
        String registry = first(flags.registry(), env.get("ZOS_GRID_REGISTRY"), file.registry(), null);
        String redis = first(flags.relayRedis(), env.get("ZOS_GRID_RELAY_REDIS"), file.relayRedis(), null);
        String interval = first(flags.reportIntervalSeconds() == null ? null : flags.reportIntervalSeconds().toString(),
                env.get("ZOS_GRID_REPORT_INTERVAL"),
                file.reportInterval() == null ? null : file.reportInterval().toString(), "2400");
        long seconds;
        try {
            seconds = Long.parseLong(interval.strip());
        } catch (NumberFormatException e) {
            throw ZosException.invalid("report-interval: '" + interval + "' is not a number of seconds");
        }
        String hubDir = first(flags.hubDir() == null ? null : flags.hubDir().toString(), env.get("ZOS_GRID_HUB_DIR"),
                file.hubDir(), null);
        String hubStore = first(flags.hubStore(), env.get("ZOS_GRID_HUB_STORE"), file.hubStore(), null);
        Path data = Path.of(dataDir).toAbsolutePath();
        return new GridConfig(GridConfig.Listen.parse(listen), data, registry, redis, Duration.ofSeconds(seconds),
                hubDir == null ? data.resolve("hub") : Path.of(hubDir).toAbsolutePath(), hubStore,
                boot(flags.boot(), env, file, defaultCacheDir));
    }

    private static BootConfig boot(Boot flags, Map<String, String> env, FileConfig file, Path defaultCacheDir) {
        String agent = first(text(flags.agent()), env.get("ZOS_GRID_BOOT_AGENT"), file.bootAgent());
        String key = first(text(flags.releaseKey()), env.get("ZOS_GRID_BOOT_RELEASE_KEY"), file.bootReleaseKey());
        String url = first(flags.url(), env.get("ZOS_GRID_BOOT_URL"), file.bootUrl());
        String cache = first(text(flags.cache()), env.get("ZOS_GRID_BOOT_CACHE"), file.bootCache(), defaultCacheDir.toString());
        String kernel = first(flags.kernel(), env.get("ZOS_GRID_BOOT_KERNEL"), file.bootKernel());
        String runmode = first(flags.runmode(), env.get("ZOS_GRID_BOOT_RUNMODE"), file.bootRunmode());
        if (agent == null && key == null) {
            if (url != null || kernel != null || runmode != null) {
                throw ZosException.invalid("boot server: boot-url, boot-kernel and boot-runmode need --boot-agent DIR and --boot-release-key FILE");
            }
            return null;
        }
        if (agent == null || key == null) {
            throw ZosException.invalid("boot server: --boot-agent DIR and --boot-release-key FILE go together; "
                    + (agent == null ? "boot-agent" : "boot-release-key") + " is missing");
        }
        return new BootConfig(Path.of(agent).toAbsolutePath(), Path.of(key).toAbsolutePath(), Path.of(cache).toAbsolutePath(),
                url == null ? null : BootConfig.parseUrl(url), kernel == null ? null : kernel.strip(),
                runmode == null ? null : BootConfig.parseRunmode(runmode));
    }

    private static String text(Path p) {
        return p == null ? null : p.toString();
    }

    private static FileConfig read(Path file) {
        try {
            FileConfig config = YAML.readValue(Files.readAllBytes(file), FileConfig.class);
            return config == null ? FileConfig.EMPTY : config;
        } catch (JacksonException e) {
            throw ZosException.invalid(file + ": " + e.getOriginalMessage().replace('\n', ' ')
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw ZosException.unavailable("cannot read " + file + ": " + e.getMessage(), e);
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
