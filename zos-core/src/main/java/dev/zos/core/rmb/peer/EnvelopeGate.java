package dev.zos.core.rmb.peer;

import dev.zos.core.rmb.EnvelopeSigning;
import dev.zos.core.rmb.ErrorCode;
import dev.zos.core.rmb.Freshness;
import dev.zos.core.rmb.ReplayGuard;
import dev.zos.core.rmb.RmbException;
import dev.zos.core.rmb.crypto.E2eCipher;
import dev.zos.core.rmb.proto.Envelope;

/**
 * The checks every envelope from another twin passes before a peer acts on it, in an order that keeps
 * forged envelopes from costing us state: addressing, sender lookup, signature, time, then the replay
 * window (only for authentic envelopes, so forgeries cannot fill it), then decryption.
 * Each failure is an {@link RmbException} whose code is what the peer answers with.
 */
final class EnvelopeGate {
    private final long ownTwin;
    private final TwinDirectory directory;
    private final Freshness freshness;
    private final ReplayGuard replay;
    private final E2eCipher cipher; // null when encryption is off

    EnvelopeGate(long ownTwin, TwinDirectory directory, Freshness freshness, ReplayGuard replay, E2eCipher cipher) {
        this.ownTwin = ownTwin;
        this.directory = directory;
        this.freshness = freshness;
        this.replay = replay;
        this.cipher = cipher;
    }

    /** Checks the envelope and returns its plain payload. */
    byte[] admit(Envelope env) {
        if (Integer.toUnsignedLong(env.getDestination().getTwin()) != ownTwin) {
            throw new RmbException(ErrorCode.INVALID_MESSAGE, "envelope " + env.getUid() + " is for twin "
                    + Integer.toUnsignedString(env.getDestination().getTwin()) + ", not for us (" + ownTwin + ")");
        }
        long source = Integer.toUnsignedLong(env.getSource().getTwin());
        TwinInfo sender = directory.lookup(source).orElseThrow(() -> new RmbException(ErrorCode.UNKNOWN_TWIN,
                "envelope " + env.getUid() + " comes from unknown twin " + source));
        EnvelopeSigning.verifyStrict(env, sender.publicKey());
        freshness.check(env);
        replay.admit(source, env.getUid(), Freshness.deadline(env));
        return switch (env.getPayloadCase()) {
            case PLAIN -> env.getPlain().toByteArray();
            case CIPHER -> decrypt(env, sender);
            case PAYLOAD_NOT_SET -> new byte[0];
        };
    }

    private byte[] decrypt(Envelope env, TwinInfo sender) {
        if (cipher == null) {
            throw new RmbException(ErrorCode.CRYPTO_ERROR, "envelope " + env.getUid()
                    + " is encrypted but this peer has encryption disabled");
        }
        byte[] key = sender.e2eKey().orElseThrow(() -> new RmbException(ErrorCode.NO_PUBLIC_KEY,
                "envelope " + env.getUid() + " is encrypted but twin " + sender.twin() + " has no e2e public key"));
        return cipher.decrypt(env.getCipher().toByteArray(), key);
    }
}
