package dev.zos.grid.registry;

import java.time.Clock;
import java.time.Duration;

/**
 * How a registry runs: its clock; how often nodes report uptime (a node is up while its last report is
 * younger than twice this); how far a transaction's timestamp may be from the clock when submitted (older
 * ones are expired); and how many queued transactions one commit may carry.
 */
public record RegistryOptions(Clock clock, Duration reportInterval, Duration maxClockSkew, int maxBatch) {
    /** zos reports uptime every 40 minutes. */
    public static final Duration DEFAULT_REPORT_INTERVAL = Duration.ofMinutes(40);

    public RegistryOptions {
        if (clock == null || reportInterval == null || maxClockSkew == null) {
            throw new IllegalArgumentException("clock, report interval and clock skew are required");
        }
        if (reportInterval.isNegative() || reportInterval.isZero() || maxClockSkew.isNegative() || maxBatch < 1) {
            throw new IllegalArgumentException("report interval must be positive, skew non-negative, batch ≥ 1");
        }
    }

    public static RegistryOptions defaults() {
        return new RegistryOptions(Clock.systemUTC(), DEFAULT_REPORT_INTERVAL, Duration.ofMinutes(10), 1024);
    }

    public RegistryOptions withClock(Clock c) {
        return new RegistryOptions(c, reportInterval, maxClockSkew, maxBatch);
    }

    public RegistryOptions withReportInterval(Duration d) {
        return new RegistryOptions(clock, d, maxClockSkew, maxBatch);
    }
}
