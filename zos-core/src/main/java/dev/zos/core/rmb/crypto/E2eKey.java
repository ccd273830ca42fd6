package dev.zos.core.rmb.crypto;

import dev.zos.core.ZosException;
import dev.zos.core.rmb.ErrorCode;
import dev.zos.core.rmb.RmbException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A twin's secp256k1 key for end-to-end encryption. ThreeFold's Go peer makes it from the same 32-byte
 * seed as the twin's signing key (secp256k1 {@code PrivKeyFromBytes(seed)}: the seed as a big-endian
 * number reduced modulo the curve order), so one seed gives both keys and nothing extra is stored.
 */
public final class E2eKey {
    public static final int PUBLIC_KEY_LENGTH = 33;
    static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");

    private final BigInteger secret;
    private final byte[] publicKey;

    private E2eKey(BigInteger secret) {
        this.secret = secret;
        this.publicKey = CURVE.getG().multiply(secret).normalize().getEncoded(true);
    }

    public static E2eKey fromSeed(byte[] seed) {
        if (seed == null || seed.length != 32) {
            throw ZosException.invalid("e2e key seed must be 32 bytes");
        }
        BigInteger d = new BigInteger(1, seed).mod(CURVE.getN());
        if (d.signum() == 0) {
            throw ZosException.invalid("e2e key seed reduces to zero modulo the secp256k1 order; use another seed");
        }
        return new E2eKey(d);
    }

    /** The 33-byte compressed public key, as published for the twin in the registry. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** SHA-256 of the x coordinate of the shared point with {@code peerPublicKey}. */
    byte[] sharedKey(byte[] peerPublicKey) {
        ECPoint peer = decode(peerPublicKey);
        ECPoint shared = peer.multiply(secret).normalize();
        if (shared.isInfinity()) {
            throw new RmbException(ErrorCode.CRYPTO_ERROR, "e2e shared point is at infinity");
        }
        return Sha256.of(shared.getAffineXCoord().getEncoded());
    }

    static ECPoint decode(byte[] publicKey) {
        if (publicKey == null || publicKey.length != PUBLIC_KEY_LENGTH) {
            throw new RmbException(ErrorCode.CRYPTO_ERROR, "e2e public key must be " + PUBLIC_KEY_LENGTH
                    + " bytes (compressed secp256k1), got " + (publicKey == null ? "none" : publicKey.length));
        }
        try {
            ECPoint point = CURVE.getCurve().decodePoint(publicKey);
            if (point.isInfinity() || !point.isValid()) {
                throw new IllegalArgumentException("not a curve point");
            }
            return point;
        } catch (IllegalArgumentException e) {
            throw new RmbException(ErrorCode.CRYPTO_ERROR, "e2e public key is not a secp256k1 point");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof E2eKey other && Arrays.equals(publicKey, other.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "E2eKey[" + HexFormat.of().formatHex(publicKey) + "]";
    }
}
