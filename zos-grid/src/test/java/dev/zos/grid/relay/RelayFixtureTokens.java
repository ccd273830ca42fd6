package dev.zos.grid.relay;

import dev.zos.core.identity.TwinKey;
import dev.zos.core.rmb.jwt.RelayJwt;
import dev.zos.core.rmb.jwt.RelayToken;
import java.time.Clock;
import java.time.Duration;

final class RelayFixtureTokens {
    private RelayFixtureTokens() {
    }

    static String sign(long twin, TwinKey key) {
        return RelayJwt.sign(RelayToken.issue(twin, null, Duration.ofSeconds(60), Clock.systemUTC()), key);
    }
}
