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

/** Builds, encrypts (when the destination publishes an e2e key) and signs the envelopes a peer sends. */
final class OutboundEnvelopes {
    static final String JSON_SCHEMA = "application/json";

    private final PeerConfig config;
    private final E2eCipher cipher; // null when encryption is off

    OutboundEnvelopes(PeerConfig config, E2eCipher cipher) {
        this.config = config;
        this.cipher = cipher;
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
        if (e2eKey != null) {
            env.setCipher(ByteString.copyFrom(cipher.encrypt(payload, e2eKey)));
        } else {
            env.setPlain(ByteString.copyFrom(payload));
        }
        return EnvelopeSigning.sign(env.build(), config.key());
    }
}
