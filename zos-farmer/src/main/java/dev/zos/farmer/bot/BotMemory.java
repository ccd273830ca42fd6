package dev.zos.farmer.bot;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zos.core.ZosException;
import dev.zos.core.files.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the bot remembers between rounds and restarts: when it last changed each node's power, and the last day
 * of the daily wake-up. Kept per farm under the data dir, written whole with a rename.
 */
record BotMemory(@JsonProperty("last_change") Map<Long, Long> lastChange,
                 @JsonProperty("last_periodic_wake") LocalDate lastPeriodicWake) {
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    BotMemory {
        lastChange = lastChange == null ? new TreeMap<>() : new TreeMap<>(lastChange);
    }

    static Path file(Path dataDir, long farm) {
        return dataDir.resolve("bot").resolve("farm-" + farm + ".json");
    }

    static BotMemory load(Path file) {
        if (!Files.exists(file)) {
            return new BotMemory(Map.of(), null);
        }
        try {
            return JSON.readValue(file.toFile(), BotMemory.class);
        } catch (IOException e) {
            throw ZosException.invalid("bot memory " + file + " is damaged (" + e.getMessage().lines().findFirst().orElse("")
                    + "); delete it to start afresh");
        }
    }

    BotMemory changed(long node, long at) {
        var next = new TreeMap<>(lastChange);
        next.put(node, at);
        return new BotMemory(next, lastPeriodicWake);
    }

    BotMemory wokeAllOn(LocalDate day) {
        return new BotMemory(lastChange, day);
    }

    void save(Path file) {
        try {
            AtomicFile.replace(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
        } catch (IOException e) {
            throw ZosException.unavailable("cannot save the bot's memory to " + file + ": " + e.getMessage(), e);
        }
    }
}
