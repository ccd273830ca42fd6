package dev.zos.core.rmb;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.zos.core.rmb.proto.Envelope;

/**
 * Reads and writes envelopes as they travel in websocket binary frames, refusing anything a peer
 * should not spend effort on: oversized frames, bytes that are not an envelope, envelopes that lack
 * the fields every routed envelope has.
 */
public final class EnvelopeCodec {
    /**
     * Largest serialized envelope accepted or sent: 4 MiB. ThreeFold's sources set no RMB-specific limit
     * (their relay only inherits its websocket library's 16 MiB frame / 64 MiB message defaults);
     * zos payloads (deployments, statistics) are kilobytes, so 4 MiB leaves ample room while keeping a
     * hostile sender from making a peer buffer huge messages.
     */
    public static final int MAX_ENVELOPE_SIZE = 4 * 1024 * 1024;

    /** Upper bound on the uid, which peers keep in memory for replay protection. */
    public static final int MAX_UID_LENGTH = 256;

    private EnvelopeCodec() {
    }

    /**
     * Parses and structurally checks an envelope.
     *
     * @throws RmbException INVALID_MESSAGE (kind INVALID) for empty, oversized, truncated or garbage input
     */
    public static Envelope parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new RmbException(ErrorCode.INVALID_MESSAGE, "envelope is empty");
        }
        if (bytes.length > MAX_ENVELOPE_SIZE) {
            throw new RmbException(ErrorCode.INVALID_MESSAGE, "envelope is " + bytes.length
                    + " bytes, more than the maximum of " + MAX_ENVELOPE_SIZE);
        }
        Envelope env;
        try {
            env = Envelope.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new RmbException(ErrorCode.INVALID_MESSAGE, "envelope is not valid protobuf ("
                    + firstLine(e.getMessage()) + ")", e);
        }
        checkStructure(env);
        return env;
    }

    public static byte[] serialize(Envelope env) {
        byte[] bytes = env.toByteArray();
        if (bytes.length > MAX_ENVELOPE_SIZE) {
            throw new RmbException(ErrorCode.INVALID_PAYLOAD, "envelope would be " + bytes.length
                    + " bytes, more than the maximum of " + MAX_ENVELOPE_SIZE + "; send a smaller payload");
        }
        return bytes;
    }

    /**
     * The fields every envelope a peer acts on must have. Relay errors may lack a source
     * (the Go peer treats a missing source as "the relay answered").
     */
    public static void checkStructure(Envelope env) {
        if (env.getUid().isEmpty()) {
            throw new RmbException(ErrorCode.INVALID_MESSAGE, "envelope uid is empty");
        }
        if (env.getUid().length() > MAX_UID_LENGTH) {
            throw new RmbException(ErrorCode.INVALID_MESSAGE, "envelope uid is longer than " + MAX_UID_LENGTH);
        }
        if (env.getMessageCase() == Envelope.MessageCase.MESSAGE_NOT_SET) {
            throw new RmbException(ErrorCode.INVALID_MESSAGE, "envelope " + env.getUid()
                    + " has no message (request, response, error, ping or pong)");
        }
        if (!env.hasDestination()) {
            throw new RmbException(ErrorCode.INVALID_MESSAGE, "envelope " + env.getUid() + " has no destination");
        }
        if (!env.hasSource() && env.getMessageCase() != Envelope.MessageCase.ERROR) {
            throw new RmbException(ErrorCode.INVALID_MESSAGE, "envelope " + env.getUid() + " has no source");
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
