package dev.zos.core.rmb.crypto;

import dev.zos.core.rmb.ErrorCode;
import dev.zos.core.rmb.RmbException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Payload encryption between two twins, as ThreeFold's peers do it: ECDH on secp256k1, SHA-256 of the
 * shared x coordinate as the AES-256-GCM key, a random 12-byte nonce, no associated data, and
 * {@code nonce ‖ ciphertext ‖ tag} on the wire. AES-GCM runs on the JDK (AES-NI).
 */
public final class E2eCipher {
    public static final int NONCE_LENGTH = 12;
    public static final int TAG_BITS = 128;

    private final E2eKey own;
    private final SecureRandom random;

    public E2eCipher(E2eKey own) {
        this(own, new SecureRandom());
    }

    E2eCipher(E2eKey own, SecureRandom random) {
        this.own = own;
        this.random = random;
    }

    public byte[] encrypt(byte[] plain, byte[] peerPublicKey) {
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        try {
            Cipher aes = aes(Cipher.ENCRYPT_MODE, peerPublicKey, nonce);
            byte[] out = new byte[NONCE_LENGTH + aes.getOutputSize(plain.length)];
            System.arraycopy(nonce, 0, out, 0, NONCE_LENGTH);
            aes.doFinal(plain, 0, plain.length, out, NONCE_LENGTH);
            return out;
        } catch (GeneralSecurityException e) {
            throw new RmbException(ErrorCode.CRYPTO_ERROR, "e2e encryption failed: " + e.getMessage(), e);
        }
    }

    /**
     * @throws RmbException CRYPTO_ERROR (106) when the cipher is too short, tampered, or made for another key
     */
    public byte[] decrypt(byte[] cipher, byte[] peerPublicKey) {
        if (cipher == null || cipher.length < NONCE_LENGTH + TAG_BITS / 8) {
            throw new RmbException(ErrorCode.CRYPTO_ERROR, "e2e cipher is shorter than nonce + tag ("
                    + (NONCE_LENGTH + TAG_BITS / 8) + " bytes)");
        }
        byte[] nonce = java.util.Arrays.copyOf(cipher, NONCE_LENGTH);
        try {
            return aes(Cipher.DECRYPT_MODE, peerPublicKey, nonce)
                    .doFinal(cipher, NONCE_LENGTH, cipher.length - NONCE_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new RmbException(ErrorCode.CRYPTO_ERROR,
                    "e2e decryption failed: the payload was altered or not encrypted for this twin", e);
        }
    }

    private Cipher aes(int mode, byte[] peerPublicKey, byte[] nonce) throws GeneralSecurityException {
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(mode, new SecretKeySpec(own.sharedKey(peerPublicKey), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        return aes;
    }
}
