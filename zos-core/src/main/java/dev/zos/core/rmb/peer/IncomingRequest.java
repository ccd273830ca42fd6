package dev.zos.core.rmb.peer;

import dev.zos.core.rmb.RmbAddress;

/**
 * A verified, decrypted request handed to a command handler.
 *
 * @param uid     request id (the response reuses it)
 * @param source  who sent it (signature checked)
 * @param command the command name
 * @param payload the request body (decrypted when it came encrypted)
 * @param schema  the payload's schema, or null
 */
public record IncomingRequest(String uid, RmbAddress source, String command, byte[] payload, String schema) {
    public IncomingRequest {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }
}
