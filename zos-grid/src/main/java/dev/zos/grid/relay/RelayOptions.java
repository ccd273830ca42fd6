package dev.zos.grid.relay;

import dev.zos.core.ZosException;
import dev.zos.core.rmb.EnvelopeCodec;
import java.time.Duration;

/**
 * Limits of the relay; every one bounds memory or work a peer can cause.
 *
 * @param maxEnvelopeBytes     largest binary frame accepted (the envelope codec's maximum by default)
 * @param maxQueuedPerSession  envelopes kept for one session that is offline or slow
 * @param maxQueuedBytes       bytes kept for all offline or slow sessions together
 * @param maxInFlight          envelopes written to one websocket and not yet acknowledged by the transport
 * @param ratePerSecond        envelopes one twin may send per second (sustained)
 * @param rateBurst            envelopes one twin may send at once
 * @param tokenSkew            clock skew tolerated on token times
 * @param idleTimeout          a session that sends nothing (not even a websocket ping) for this long is closed
 * @param pingInterval         how often the relay pings every session, so dead peers are found and live ones read
 *                             something even when idle (peers reconnect after 40 s without reading)
 */
public record RelayOptions(int maxEnvelopeBytes, int maxQueuedPerSession, long maxQueuedBytes, int maxInFlight,
                           double ratePerSecond, int rateBurst, Duration tokenSkew, Duration idleTimeout,
                           Duration pingInterval) {

    public RelayOptions {
        if (maxEnvelopeBytes <= 0 || maxQueuedPerSession <= 0 || maxQueuedBytes <= 0 || maxInFlight <= 0
                || ratePerSecond <= 0 || rateBurst <= 0 || pingInterval.isNegative() || pingInterval.isZero()) {
            throw ZosException.invalid("relay limits must be positive");
        }
    }

    public static RelayOptions defaults() {
        return new RelayOptions(EnvelopeCodec.MAX_ENVELOPE_SIZE, 10_000, 256L << 20, 1024,
                20_000, 40_000, Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(20));
    }

    public RelayOptions withRate(double perSecond, int burst) {
        return new RelayOptions(maxEnvelopeBytes, maxQueuedPerSession, maxQueuedBytes, maxInFlight, perSecond, burst,
                tokenSkew, idleTimeout, pingInterval);
    }

    public RelayOptions withQueue(int perSession, long totalBytes) {
        return new RelayOptions(maxEnvelopeBytes, perSession, totalBytes, maxInFlight, ratePerSecond, rateBurst,
                tokenSkew, idleTimeout, pingInterval);
    }

    public RelayOptions withPingInterval(Duration interval) {
        return new RelayOptions(maxEnvelopeBytes, maxQueuedPerSession, maxQueuedBytes, maxInFlight, ratePerSecond,
                rateBurst, tokenSkew, idleTimeout, interval);
    }
}
