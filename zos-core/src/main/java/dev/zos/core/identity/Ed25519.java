package dev.zos.core.identity;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Ed25519 signing and verification through Bouncy Castle, which is about 25x faster
 * than the JDK provider on these machines (see ENVIRONMENT.md).
 */
public final class Ed25519 {
    public static final int SEED_LENGTH = 32;
    public static final int PUBLIC_KEY_LENGTH = 32;
    public static final int SIGNATURE_LENGTH = 64;

    private Ed25519() {
    }

    public static byte[] publicKey(byte[] seed) {
        return new Ed25519PrivateKeyParameters(checkLength(seed, SEED_LENGTH, "seed"), 0)
                .generatePublicKey().getEncoded();
    }

    public static byte[] sign(byte[] seed, byte[] message) {
        var signer = new Ed25519Signer();
        signer.init(true, new Ed25519PrivateKeyParameters(checkLength(seed, SEED_LENGTH, "seed"), 0));
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /** False for a wrong signature and for malformed keys or signatures; never throws on bad input. */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null || publicKey.length != PUBLIC_KEY_LENGTH
                || signature == null || signature.length != SIGNATURE_LENGTH || message == null) {
            return false;
        }
        try {
            var verifier = new Ed25519Signer();
            verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
            verifier.update(message, 0, message.length);
            return verifier.verifySignature(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] checkLength(byte[] bytes, int length, String what) {
        if (bytes == null || bytes.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes, got "
                    + (bytes == null ? "none" : bytes.length));
        }
        return bytes;
    }
}
