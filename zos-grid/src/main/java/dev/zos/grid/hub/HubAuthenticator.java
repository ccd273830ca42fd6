package dev.zos.grid.hub;

import dev.zos.core.ZosException;
import dev.zos.core.identity.Ed25519;
import dev.zos.flist.hub.HubAuth;
import dev.zos.grid.registry.Registry;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;

/**
 * Checks a hub write's signature headers ({@link HubAuth}) in two steps: {@link #claim} before the body is
 * read (the twin is registered, the timestamp is fresh), {@link #verify} once its SHA-256 is known (the
 * signature is the twin's and its nonce was not seen before from that twin). Each (twin, nonce) is
 * remembered until its timestamp falls out of the skew window, so a captured request cannot be sent again.
 */
final class HubAuthenticator {
    /** The most signatures remembered at once; beyond it writes are refused (fail closed) until some expire. */
    static final int MAX_REMEMBERED = 200_000;

    private final LongFunction<Optional<byte[]>> keys;
    private final Clock clock;
    // "twin:nonce" -> unix second after which its request can no longer pass the freshness check
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

    HubAuthenticator(LongFunction<Optional<byte[]>> keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    static HubAuthenticator of(Registry registry, Clock clock) {
        HexFormat hex = HexFormat.of();
        return new HubAuthenticator(twin -> registry.twin(twin).map(t -> hex.parseHex(t.publicKey())), clock);
    }

    /** Who a request says it comes from, checked as far as possible without its body. */
    record Claim(long twin, long timestamp, String nonce, byte[] signature, byte[] publicKey) {
    }

    Claim claim(HttpFields headers) {
        String twinText = headers.get(HubAuth.TWIN_HEADER);
        String tsText = headers.get(HubAuth.TIMESTAMP_HEADER);
        String sigText = headers.get(HubAuth.SIGNATURE_HEADER);
        String nonce = headers.get(HubAuth.NONCE_HEADER);
        if (twinText == null || tsText == null || sigText == null || nonce == null) {
            throw HubRefusal.unauthorized("this request must be signed: send " + HubAuth.TWIN_HEADER + ", "
                    + HubAuth.TIMESTAMP_HEADER + ", " + HubAuth.NONCE_HEADER + " and " + HubAuth.SIGNATURE_HEADER
                    + " (see docs/formats/hub.md)");
        }
        long twin;
        long ts;
        try {
            twin = Long.parseLong(twinText.strip());
            ts = Long.parseLong(tsText.strip());
        } catch (NumberFormatException e) {
            throw HubRefusal.unauthorized(HubAuth.TWIN_HEADER + " and " + HubAuth.TIMESTAMP_HEADER
                    + " must be whole numbers");
        }
        if (twin < 1) {
            throw HubRefusal.unauthorized(HubAuth.TWIN_HEADER + " must be a positive twin id");
        }
        byte[] signature;
        try {
            HubAuth.requireNonce(nonce.strip());
            signature = HubAuth.parseSignature(sigText.strip());
        } catch (ZosException e) {
            throw HubRefusal.unauthorized(e.getMessage());
        }
        long now = clock.instant().getEpochSecond();
        long skew = HubAuth.MAX_SKEW.toSeconds();
        if (Math.abs(now - ts) > skew) {
            throw HubRefusal.unauthorized("request timestamp " + ts + " is more than " + skew
                    + " s from the hub's clock (" + now + "); check the clock of the signing machine");
        }
        byte[] key = keys.apply(twin).orElseThrow(() -> HubRefusal.forbidden(
                "twin " + twin + " is not registered on this grid"));
        if (key.length != Ed25519.PUBLIC_KEY_LENGTH) {
            throw HubRefusal.forbidden("twin " + twin + " has no ed25519 key on this grid");
        }
        return new Claim(twin, ts, nonce.strip(), signature, key);
    }

    /** Checks the signature over the request and admits it once; throws a refusal otherwise. */
    void verify(Claim claim, String method, String rawPath, byte[] bodySha256) {
        byte[] message = HubAuth.message(method, rawPath, claim.timestamp(), claim.nonce(), bodySha256);
        if (!Ed25519.verify(claim.publicKey(), message, claim.signature())) {
            throw HubRefusal.unauthorized("the signature is not twin " + claim.twin() + "'s signature of "
                    + method + " " + rawPath + " with this body and timestamp");
        }
        admit(claim.twin() + ":" + claim.nonce(), claim.timestamp() + HubAuth.MAX_SKEW.toSeconds());
    }

    private synchronized void admit(String twinNonce, long deadline) {
        long now = clock.instant().getEpochSecond();
        Long known = seen.get(twinNonce);
        if (known != null && known >= now) {
            throw HubRefusal.conflict("this signed request was already received (replay: nonce used before); sign a new request");
        }
        if (seen.size() >= MAX_REMEMBERED) {
            for (Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator(); it.hasNext(); ) {
                if (it.next().getValue() < now) {
                    it.remove();
                }
            }
            if (seen.size() >= MAX_REMEMBERED) {
                throw new HubRefusal(503, "the hub is receiving too many writes; try again in a minute");
            }
        }
        seen.put(twinNonce, deadline);
    }
}
