package dev.zos.core.rmb.jwt;

import dev.zos.core.ZosException;
import dev.zos.core.rmb.RmbAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The claims of a relay token: who connects ({@code sub}), when the token was made ({@code iat}),
 * until when it may be used to connect ({@code exp}), and the optional session ({@code sid}).
 */
public record RelayToken(long twin, Instant issuedAt, Instant expiresAt, String session) {
    public RelayToken {
        if (twin < 0 || twin > RmbAddress.MAX_TWIN) {
            throw ZosException.invalid("token sub (twin) must be 0.." + RmbAddress.MAX_TWIN + ", got " + twin);
        }
        if (issuedAt == null || expiresAt == null) {
            throw ZosException.invalid("token iat and exp are required");
        }
        if (expiresAt.isBefore(issuedAt)) {
            throw ZosException.invalid("token exp " + expiresAt.getEpochSecond() + " is before iat "
                    + issuedAt.getEpochSecond());
        }
        // the wire carries whole seconds; keep the value equal to what a round trip gives back
        issuedAt = Instant.ofEpochSecond(issuedAt.getEpochSecond());
        expiresAt = Instant.ofEpochSecond(expiresAt.getEpochSecond());
        if (session != null && session.isEmpty()) {
            session = null; // the Go peer omits an empty sid; treat both the same
        }
    }

    /** A token for {@code twin} valid from now for {@code ttl}. */
    public static RelayToken issue(long twin, String session, Duration ttl, Clock clock) {
        Instant now = clock.instant();
        return new RelayToken(twin, now, now.plus(ttl), session);
    }

    public Optional<String> sid() {
        return Optional.ofNullable(session);
    }
}
