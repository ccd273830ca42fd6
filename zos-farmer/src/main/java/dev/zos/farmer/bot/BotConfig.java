package dev.zos.farmer.bot;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.zos.core.ZosException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import dev.zos.core.time.DurationText;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * What the power bot is told, from {@code bot.yaml}:
 *
 * <pre>
 * farm: 12
 * interval: 5m                # how often it looks
 * wake_up_threshold: 80       # % of the powered-on nodes' capacity in use above which one more node is woken
 * idle_after: 30m             # a node is powered off only when nothing changed on it for this long
 * periodic_wake_up: "03:00"   # UTC; every sleeping node is woken once a day, so it reports and stays healthy
 * never_shutdown: [3, 7]
 * </pre>
 */
public record BotConfig(long farm, Duration interval, int wakeUpThreshold, Duration idleAfter, LocalTime periodicWakeUp,
                        Set<Long> neverShutdown) {
    private static final ObjectMapper YAML = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public BotConfig {
        if (farm < 1) {
            throw ZosException.invalid("bot config: farm must be a farm id ≥ 1");
        }
        if (wakeUpThreshold < 1 || wakeUpThreshold > 100) {
            throw ZosException.invalid("bot config: wake_up_threshold must be a percentage from 1 to 100, got " + wakeUpThreshold);
        }
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw ZosException.invalid("bot config: interval must be at least 1s");
        }
        neverShutdown = Set.copyOf(neverShutdown);
    }

    /** The YAML file's shape; snake_case keys, unknown keys refused. */
    record File(@JsonProperty("farm") Long farm,
                @JsonProperty("interval") String interval,
                @JsonProperty("wake_up_threshold") Integer wakeUpThreshold,
                @JsonProperty("idle_after") String idleAfter,
                @JsonProperty("periodic_wake_up") String periodicWakeUp,
                @JsonProperty("never_shutdown") List<Long> neverShutdown) {
    }

    public static BotConfig load(Path path) {
        File f;
        try {
            f = YAML.readValue(Files.readAllBytes(path), File.class);
        } catch (NoSuchFileException e) {
            throw ZosException.notFound("bot config " + path + " does not exist");
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() ? "" : " at '" + e.getPath().get(e.getPath().size() - 1).getFieldName() + "'";
            throw ZosException.invalid("bot config " + path + field + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw ZosException.invalid("bot config " + path + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (f == null || f.farm() == null) {
            throw ZosException.invalid("bot config " + path + " must name the farm (farm: ID)");
        }
        LocalTime wake;
        try {
            wake = f.periodicWakeUp() == null ? LocalTime.of(3, 0) : LocalTime.parse(f.periodicWakeUp());
        } catch (DateTimeParseException e) {
            throw ZosException.invalid("bot config: periodic_wake_up must be a time of day like \"03:00\", got " + f.periodicWakeUp());
        }
        return new BotConfig(f.farm(), duration("interval", f.interval(), Duration.ofMinutes(5)),
                f.wakeUpThreshold() == null ? 80 : f.wakeUpThreshold(), duration("idle_after", f.idleAfter(), Duration.ofMinutes(30)),
                wake, f.neverShutdown() == null ? Set.of() : Set.copyOf(f.neverShutdown()));
    }

    static Duration duration(String key, String text, Duration fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw ZosException.invalid("bot config: " + key + " must be " + DurationText.FORMS + ", got '" + text + "'");
        }
    }
}
