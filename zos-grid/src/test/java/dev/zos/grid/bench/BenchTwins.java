package dev.zos.grid.bench;

import dev.zos.core.identity.TwinKey;
import dev.zos.core.rmb.jwt.RelayJwt;
import dev.zos.core.rmb.jwt.RelayToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;

/** Twin keys both benchmark processes derive from the twin id alone, so no key material has to be exchanged. */
final class BenchTwins {
    private BenchTwins() {
    }

    static TwinKey key(long twin) {
        try {
            byte[] seed = MessageDigest.getInstance("SHA-256")
                    .digest(("zos-relay-bench/" + twin).getBytes(StandardCharsets.US_ASCII));
            return TwinKey.fromSeed(seed);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String token(long twin, TwinKey key) {
        return RelayJwt.sign(RelayToken.issue(twin, null, Duration.ofSeconds(300), Clock.systemUTC()), key);
    }
}
