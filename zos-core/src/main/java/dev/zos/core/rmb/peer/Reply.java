package dev.zos.core.rmb.peer;

import dev.zos.core.rmb.RmbAddress;

/**
 * A verified, decrypted response to one of our requests.
 *
 * @param uid     the request's id
 * @param source  who answered (signature checked)
 * @param payload the response body
 * @param schema  the payload's schema, or null
 */
public record Reply(String uid, RmbAddress source, byte[] payload, String schema) {
    public Reply {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }
}
