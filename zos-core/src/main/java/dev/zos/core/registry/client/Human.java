package dev.zos.core.registry.client;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/** Sizes and times for tables people read: {@code 15.6 GiB}, {@code 3 min ago}; the wire keeps bytes and seconds. */
public final class Human {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private Human() {
    }

    /** Bytes in the largest binary unit that keeps the number at 1 or more, with at most one decimal. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        return number + " " + UNITS[unit];
    }

    /** How long ago a unix time was: {@code just now}, {@code 42 s ago}, {@code 3 min ago}, ...; 0 is {@code never}. */
    public static String ago(long epochSeconds, Instant now) {
        if (epochSeconds <= 0) {
            return "never";
        }
        long s = now.getEpochSecond() - epochSeconds;
        if (s < 5) {
            return s < -5 ? "in the future" : "just now";
        }
        if (s < 60) {
            return s + " s ago";
        }
        if (s < 3600) {
            return s / 60 + " min ago";
        }
        if (s < 86_400) {
            return s / 3600 + " h ago";
        }
        return s / 86_400 + " d ago";
    }

    /** A duration in seconds as {@code 2d 3h}, {@code 5h 10m}, {@code 4m 2s}. */
    public static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m " + seconds % 60 + "s";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
        }
        return seconds / 86_400 + "d " + seconds % 86_400 / 3600 + "h";
    }
}
