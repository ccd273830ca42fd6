package dev.zos.core.rmb;

import dev.zos.core.rmb.proto.Envelope;
import java.time.Clock;
import java.time.Duration;

/**
 * The time rules for envelopes: an envelope lives from {@code timestamp} for {@code expiration} seconds
 * (rmb-rs treats a deadline equal to now as expired), and a timestamp may run ahead of our clock by at
 * most the allowed skew.
 *
 * @param clock the time source (injectable for tests)
 * @param skew  how far a sender's clock may run ahead of ours
 */
public record Freshness(Clock clock, Duration skew) {
    public Freshness {
        if (clock == null) {
            throw new IllegalArgumentException("freshness clock is required");
        }
        if (skew == null || skew.isNegative()) {
            throw new IllegalArgumentException("freshness skew must be zero or positive");
        }
    }

    public long nowSeconds() {
        return clock.instant().getEpochSecond();
    }

    /** Unix second at which the envelope expires (saturating, the fields are unsigned). */
    public static long deadline(Envelope env) {
        long ts = env.getTimestamp();
        long exp = env.getExpiration();
        if (ts < 0 || exp < 0 || ts + exp < 0) {
            return Long.MAX_VALUE;
        }
        return ts + exp;
    }

    /**
     * @throws RmbException VALIDATION_FAILED when expired or stamped in the future
     */
    public void check(Envelope env) {
        long now = nowSeconds();
        if (Long.compareUnsigned(env.getTimestamp(), now + skew.toSeconds()) > 0) {
            throw new RmbException(ErrorCode.VALIDATION_FAILED, "envelope " + env.getUid() + " timestamp "
                    + Long.toUnsignedString(env.getTimestamp()) + " is in the future (now " + now + ")");
        }
        if (deadline(env) <= now) {
            throw new RmbException(ErrorCode.VALIDATION_FAILED, "envelope " + env.getUid() + " expired at "
                    + deadline(env) + " (now " + now + ")");
        }
    }
}
