package dev.zos.core.rmb.peer;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: doubling from {@code initial} up to {@code max}, each drawn uniformly from the
 * upper half of its step ("equal jitter") so peers dropped together by a relay restart do not
 * reconnect in lockstep, yet never retry faster than half the step.
 */
public record Backoff(Duration initial, Duration max) {
    public Backoff {
        if (initial == null || max == null || initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max");
        }
    }

    /** Delay before reconnect attempt number {@code attempt} (0 = first retry). */
    public Duration delay(int attempt, RandomGenerator random) {
        long step = initial.toMillis();
        for (int i = 0; i < attempt && step < max.toMillis(); i++) {
            step *= 2;
        }
        step = Math.min(step, max.toMillis());
        long half = step / 2;
        return Duration.ofMillis(half + random.nextLong(step - half + 1));
    }
}
