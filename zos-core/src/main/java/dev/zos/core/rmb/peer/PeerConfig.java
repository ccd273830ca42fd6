package dev.zos.core.rmb.peer;

import dev.zos.core.ZosException;
import dev.zos.core.identity.TwinKey;
import dev.zos.core.rmb.RmbAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * Everything an {@link RmbPeer} needs. Timings default to ThreeFold's (ping 20 s, reconnect after 40 s
 * of silence) and are configurable so tests run in milliseconds.
 *
 * @param relayUrl         {@code ws://} or {@code wss://} relay address, without query
 * @param key              this twin's signing key (its seed also gives the e2e key)
 * @param twin             this twin's id
 * @param session          connection (session) id, or null for the twin's default session
 * @param directory        looks up other twins' keys
 * @param router           serves incoming requests
 * @param clock            time source for envelopes, tokens and expiry checks
 * @param pingInterval     websocket ping period
 * @param readTimeout      reconnect when nothing was read for this long
 * @param tokenTtl         lifetime of each relay token
 * @param tokenRenewBefore reconnect with a fresh token this long before the current one expires
 * @param backoff          delays between reconnect attempts
 * @param envelopeTtl      expiration put on replies (requests use their timeout)
 * @param clockSkew        how far other clocks may run ahead of ours
 * @param encrypt          encrypt payloads for twins that publish an e2e key
 */
public record PeerConfig(URI relayUrl, TwinKey key, long twin, String session, TwinDirectory directory,
                         CommandRouter router, Clock clock, Duration pingInterval, Duration readTimeout,
                         Duration tokenTtl, Duration tokenRenewBefore, Backoff backoff, Duration envelopeTtl,
                         Duration clockSkew, boolean encrypt) {
    public PeerConfig {
        if (relayUrl == null || !("ws".equals(relayUrl.getScheme()) || "wss".equals(relayUrl.getScheme()))) {
            throw ZosException.invalid("relay url must be ws:// or wss://, got " + relayUrl);
        }
        if (relayUrl.getRawQuery() != null) {
            throw ZosException.invalid("relay url must have no query; the token goes there");
        }
        if (key == null || directory == null || router == null || clock == null || backoff == null) {
            throw ZosException.invalid("peer config needs key, directory, router, clock and backoff");
        }
        new RmbAddress(twin, session); // validates the twin id
        positive(pingInterval, "pingInterval");
        positive(readTimeout, "readTimeout");
        positive(tokenTtl, "tokenTtl");
        positive(envelopeTtl, "envelopeTtl");
        if (tokenRenewBefore == null || tokenRenewBefore.isNegative() || tokenRenewBefore.compareTo(tokenTtl) >= 0) {
            throw ZosException.invalid("tokenRenewBefore must be between 0 and tokenTtl");
        }
        if (clockSkew == null || clockSkew.isNegative()) {
            throw ZosException.invalid("clockSkew must not be negative");
        }
    }

    public RmbAddress address() {
        return new RmbAddress(twin, session);
    }

    public static Builder builder(URI relayUrl, TwinKey key, long twin) {
        return new Builder(relayUrl, key, twin);
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw ZosException.invalid(name + " must be positive");
        }
    }

    /** Builder with ThreeFold's defaults. */
    public static final class Builder {
        private final URI relayUrl;
        private final TwinKey key;
        private final long twin;
        private String session;
        private TwinDirectory directory = t -> java.util.Optional.empty();
        private CommandRouter router = new CommandRouter();
        private Clock clock = Clock.systemUTC();
        private Duration pingInterval = Duration.ofSeconds(20);
        private Duration readTimeout = Duration.ofSeconds(40);
        private Duration tokenTtl = Duration.ofSeconds(300);
        private Duration tokenRenewBefore = Duration.ofSeconds(30);
        private Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
        private Duration envelopeTtl = Duration.ofSeconds(300);
        private Duration clockSkew = Duration.ofSeconds(60);
        private boolean encrypt = true;

        private Builder(URI relayUrl, TwinKey key, long twin) {
            this.relayUrl = relayUrl;
            this.key = key;
            this.twin = twin;
        }

        public Builder session(String v) { session = v; return this; }
        public Builder directory(TwinDirectory v) { directory = v; return this; }
        public Builder router(CommandRouter v) { router = v; return this; }
        public Builder clock(Clock v) { clock = v; return this; }
        public Builder pingInterval(Duration v) { pingInterval = v; return this; }
        public Builder readTimeout(Duration v) { readTimeout = v; return this; }
        public Builder tokenTtl(Duration v) { tokenTtl = v; return this; }
        public Builder tokenRenewBefore(Duration v) { tokenRenewBefore = v; return this; }
        public Builder backoff(Backoff v) { backoff = v; return this; }
        public Builder envelopeTtl(Duration v) { envelopeTtl = v; return this; }
        public Builder clockSkew(Duration v) { clockSkew = v; return this; }
        public Builder encrypt(boolean v) { encrypt = v; return this; }

        public PeerConfig build() {
            return new PeerConfig(relayUrl, key, twin, session, directory, router, clock, pingInterval, readTimeout,
                    tokenTtl, tokenRenewBefore, backoff, envelopeTtl, clockSkew, encrypt);
        }
    }
}
