package dev.zos.core.rmb;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.rmb.proto.Envelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FreshnessAndReplayTest {
    private static final Clock NOW = Clock.fixed(Instant.ofEpochSecond(1_700_000_100L), ZoneOffset.UTC);
    private final Freshness freshness = new Freshness(NOW, Duration.ofSeconds(60));

    private static Envelope env(long timestamp, long expiration) {
        return Envelope.newBuilder().setUid("u").setTimestamp(timestamp).setExpiration(expiration).build();
    }

    @Test
    void liveEnvelopePasses() {
        assertThatCode(() -> freshness.check(env(1_700_000_000L, 101))).doesNotThrowAnyException();
    }

    @Test
    void deadlineEqualToNowIsExpired() {
        assertThatThrownBy(() -> freshness.check(env(1_700_000_000L, 100))).hasMessageContaining("expired at 1700000100");
    }

    @Test
    void farFutureTimestampIsRefused() {
        assertThatCode(() -> freshness.check(env(1_700_000_160L, 5))).doesNotThrowAnyException();
        assertThatThrownBy(() -> freshness.check(env(1_700_000_161L, 5))).hasMessageContaining("in the future");
        assertThatThrownBy(() -> freshness.check(env(-1L, 5))).hasMessageContaining("in the future");
    }

    @Test
    void overflowingDeadlineSaturates() {
        assertThatCode(() -> freshness.check(env(1_700_000_000L, -1L))).doesNotThrowAnyException();
    }

    @Test
    void sameUidFromSameSourceIsAReplay() {
        var guard = new ReplayGuard(NOW);
        guard.admit(7, "u1", 1_700_000_200L);
        assertThatThrownBy(() -> guard.admit(7, "u1", 1_700_000_200L)).hasMessageContaining("replay");
        assertThatCode(() -> guard.admit(8, "u1", 1_700_000_200L)).doesNotThrowAnyException();
    }

    @Test
    void expiredEntriesAreForgottenAndMemoryIsBounded() {
        var clock = new MutableClock(1_700_000_000L);
        var guard = new ReplayGuard(clock, 2, 2);
        guard.admit(7, "a", 1_700_000_010L);
        guard.admit(7, "b", 1_700_000_010L);
        assertThatThrownBy(() -> guard.admit(7, "c", 1_700_000_010L)).hasMessageContaining("more than 2 live");
        guard.admit(8, "a", 1_700_000_010L);
        assertThatThrownBy(() -> guard.admit(9, "a", 1_700_000_010L)).hasMessageContaining("too many senders");
        clock.seconds = 1_700_000_010L;
        guard.admit(7, "c", 1_700_000_020L);
        guard.admit(9, "a", 1_700_000_020L);
        guard.admit(7, "a", 1_700_000_020L); // "a" expired, so it is no longer a replay
        assertThatCode(() -> guard.size()).doesNotThrowAnyException();
    }

    static final class MutableClock extends Clock {
        volatile long seconds;

        MutableClock(long seconds) {
            this.seconds = seconds;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(seconds);
        }
    }
}
