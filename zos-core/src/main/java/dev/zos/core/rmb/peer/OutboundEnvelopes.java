package dev.zos.core.rmb.peer;

import com.google.protobuf.ByteString;
import dev.zos.core.ZosException;
import dev.zos.core.rmb.EnvelopeSigning;
import dev.zos.core.rmb.RmbAddress;
import dev.zos.core.rmb.crypto.E2eCipher;
import dev.zos.core.rmb.proto.Envelope;
import dev.zos.core.rmb.proto.Error;
import dev.zos.core.rmb.proto.Request;
import dev.zos.core.rmb.proto.Response;
import java.time.Duration;
import java.util.Arrays;

/**
 * Builds, encrypts and signs the envelopes a peer sends. A payload is encrypted when both ends publish an e2e key
 * in the directory: the receiver derives the shared secret from the sender's published key, so a sender that
 * publishes none (or an old one) could not be read and sends in plain text instead.
 */
final class OutboundEnvelopes {
    static final String JSON_SCHEMA = "application/json";

    private final PeerConfig config;
    private final E2eCipher cipher; // null when encryption is off
    private final byte[] ownE2eKey;

    OutboundEnvelopes(PeerConfig config, E2eCipher cipher, byte[] ownE2eKey) {
        this.config = config;
        this.cipher = cipher;
        this.ownE2eKey = ownE2eKey.clone();
    }

    Envelope request(String uid, RmbAddress to, String command, byte[] payload, String schema, Duration ttl) {
        var env = base(uid, to, ttl).setRequest(Request.newBuilder().setCommand(command));
        return finish(env, to, payload, schema);
    }

    Envelope response(String uid, RmbAddress to, byte[] payload, String schema) {
        var env = base(uid, to, config.envelopeTtl()).setResponse(Response.getDefaultInstance());
        return finish(env, to, payload, schema);
    }

    Envelope error(String uid, RmbAddress to, int code, String message) {
        var env = base(uid, to, config.envelopeTtl())
                .setError(Error.newBuilder().setCode(code).setMessage(message == null ? "" : message));
        return EnvelopeSigning.sign(env.setSchema(JSON_SCHEMA).build(), config.key());
    }

    private Envelope.Builder base(String uid, RmbAddress to, Duration ttl) {
        long seconds = Math.max(1, (ttl.toMillis() + 999) / 1000);
        return Envelope.newBuilder()
                .setUid(uid)
                .setTimestamp(config.clock().instant().getEpochSecond())
                .setExpiration(seconds)
                .setSource(config.address().toProto())
                .setDestination(to.toProto());
    }

    private Envelope finish(Envelope.Builder env, RmbAddress to, byte[] payload, String schema) {
        env.setSchema(schema == null ? JSON_SCHEMA : schema);
        byte[] e2eKey = cipher == null ? null : config.directory().lookup(to.twin())
                .orElseThrow(() -> ZosException.notFound("twin " + to.twin() + " is not in the directory"))
                .e2ePublicKey();
        if (e2eKey != null && publishesOwnKey()) {
            env.setCipher(ByteString.copyFrom(cipher.encrypt(payload, e2eKey)));
        } else {
            env.setPlain(ByteString.copyFrom(payload));
        }
        return EnvelopeSigning.sign(env.build(), config.key());
    }

    private boolean publishesOwnKey() {
        return config.directory().lookup(config.twin())
                .map(TwinInfo::e2ePublicKey)
                .map(published -> Arrays.equals(published, ownE2eKey))
                .orElse(false);
    }
}
