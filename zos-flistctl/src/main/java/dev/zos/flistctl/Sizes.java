package dev.zos.flistctl;

import dev.zos.core.registry.client.Human;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Sizes, rates and times as people read them in this tool's tables and summaries. */
public final class Sizes {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private Sizes() {
    }

    public static String bytes(long n) {
        return Human.size(n);
    }

    public static String rate(double bytesPerSecond) {
        return Human.size((long) bytesPerSecond) + "/s";
    }

    public static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** Epoch seconds as UTC {@code yyyy-MM-dd HH:mm:ss}. */
    public static String time(long epochSeconds) {
        return TIME.format(Instant.ofEpochSecond(epochSeconds));
    }
}
