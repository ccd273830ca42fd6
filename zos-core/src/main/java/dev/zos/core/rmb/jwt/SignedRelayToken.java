package dev.zos.core.rmb.jwt;

import dev.zos.core.ZosException;
import dev.zos.core.rmb.PrefixedSignature;
import dev.zos.core.rmb.RmbException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A parsed but not yet trusted relay token.
 *
 * @param token        the claims as written by the sender
 * @param signingInput the {@code header.claims} text the signature covers
 * @param signature    the prefixed signature
 */
public record SignedRelayToken(RelayToken token, String signingInput, PrefixedSignature signature) {
    /** Default allowance for clocks that disagree between peer and relay. */
    public static final Duration DEFAULT_SKEW = Duration.ofSeconds(30);

    /**
     * Checks signature and times, and returns the claims only if both hold.
     *
     * @throws ZosException FORBIDDEN for a wrong signature, an expired token, or one issued in the future
     */
    public RelayToken verify(byte[] publicKey, Clock clock, Duration skew) {
        try {
            signature.verify(publicKey, signingInput.getBytes(StandardCharsets.US_ASCII), "relay token");
        } catch (RmbException e) {
            throw ZosException.forbidden(e.getMessage());
        }
        Instant now = clock.instant();
        if (now.isAfter(token.expiresAt().plus(skew))) {
            throw ZosException.forbidden("relay token for twin " + token.twin() + " expired at "
                    + token.expiresAt().getEpochSecond() + " (now " + now.getEpochSecond() + "); make a new one");
        }
        if (token.issuedAt().isAfter(now.plus(skew))) {
            throw ZosException.forbidden("relay token for twin " + token.twin() + " is issued in the future ("
                    + token.issuedAt().getEpochSecond() + ", now " + now.getEpochSecond() + "); check the clock");
        }
        return token;
    }
}
