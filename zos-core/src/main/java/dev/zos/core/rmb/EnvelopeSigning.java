package dev.zos.core.rmb;

import dev.zos.core.identity.TwinKey;
import dev.zos.core.rmb.proto.Envelope;
import com.google.protobuf.ByteString;

/** Signs envelopes and checks their signatures; see {@link Challenge} for what is covered. */
public final class EnvelopeSigning {
    private EnvelopeSigning() {
    }

    /** Returns the envelope with its signature set (any previous signature is replaced). */
    public static Envelope sign(Envelope unsigned, TwinKey key) {
        var builder = unsigned.toBuilder().clearSignature();
        byte[] digest = Challenge.digest(builder.buildPartial());
        var signature = PrefixedSignature.sign(key, digest);
        return builder.setSignature(ByteString.copyFrom(signature.encode())).build();
    }

    /**
     * Checks the envelope's signature against the source twin's ed25519 public key.
     *
     * @throws RmbException BAD_SIGNATURE when unsigned, malformed, sr25519, or not matching;
     *                      INVALID_MESSAGE when it is not a request, response or error
     */
    public static void verify(Envelope env, byte[] publicKey) {
        switch (env.getMessageCase()) {
            case REQUEST, RESPONSE, ERROR -> {
            }
            // pings go to the relay unsigned; a "signed" one would only be a re-labelled envelope
            default -> throw new RmbException(ErrorCode.INVALID_MESSAGE, "envelope " + env.getUid() + " is a "
                    + env.getMessageCase() + ", which peers do not accept signed");
        }
        if (!env.hasSignature()) {
            throw new RmbException(ErrorCode.BAD_SIGNATURE, "envelope " + env.getUid() + " is not signed");
        }
        var signature = PrefixedSignature.decode(env.getSignature().toByteArray());
        signature.verify(publicKey, Challenge.digest(env), "envelope " + env.getUid());
    }

    /**
     * {@link #verify} plus the rule that the envelope names its payload schema. The upstream challenge
     * concatenates fields without separators, so a one-bit change of a field tag can move the schema
     * text into the adjacent federation or payload field and leave the challenge, hence the signature,
     * intact. ThreeFold's Go peer and this project's peer always set a schema, so peers require it and
     * close that gap; a relay, which forwards whatever twins send, uses {@link #verify}.
     */
    public static void verifyStrict(Envelope env, byte[] publicKey) {
        verify(env, publicKey);
        if (!env.hasSchema() || env.getSchema().isEmpty()) {
            throw new RmbException(ErrorCode.INVALID_MESSAGE, "envelope " + env.getUid() + " has no schema");
        }
    }

    /**
     * True for an error the relay itself generated: it comes from twin 0 (or no source) and is unsigned.
     * Peers accept such envelopes without a signature and nothing else.
     */
    public static boolean isRelayError(Envelope env) {
        return env.getMessageCase() == Envelope.MessageCase.ERROR
                && (!env.hasSource() || env.getSource().getTwin() == 0)
                && !env.hasSignature();
    }
}
