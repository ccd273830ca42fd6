package dev.zos.core.rmb;

import dev.zos.core.identity.Ed25519;
import dev.zos.core.identity.TwinKey;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 65-byte RMB signature: one key type byte then the 64-byte signature.
 *
 * @param type      the key type named by the prefix byte
 * @param signature the raw 64-byte signature
 */
public record PrefixedSignature(SignatureType type, byte[] signature) {
    public static final int LENGTH = 1 + Ed25519.SIGNATURE_LENGTH;

    public PrefixedSignature {
        if (type == null) {
            throw new RmbException(ErrorCode.BAD_SIGNATURE, "signature type is missing");
        }
        if (signature == null || signature.length != Ed25519.SIGNATURE_LENGTH) {
            throw new RmbException(ErrorCode.BAD_SIGNATURE, "signature must be " + Ed25519.SIGNATURE_LENGTH
                    + " bytes after the type byte, got " + (signature == null ? "none" : signature.length));
        }
        signature = signature.clone();
    }

    /** Signs {@code message} with the twin's ed25519 key. */
    public static PrefixedSignature sign(TwinKey key, byte[] message) {
        return new PrefixedSignature(SignatureType.ED25519, key.sign(message));
    }

    /** Reads the wire form, rejecting wrong lengths and unknown prefixes with a message that says which. */
    public static PrefixedSignature decode(byte[] wire) {
        if (wire == null || wire.length != LENGTH) {
            throw new RmbException(ErrorCode.BAD_SIGNATURE, "signature must be " + LENGTH + " bytes (type byte + 64), got "
                    + (wire == null ? "none" : wire.length));
        }
        var type = SignatureType.ofPrefix(wire[0]).orElseThrow(() -> new RmbException(ErrorCode.BAD_SIGNATURE,
                "signature type byte must be 'e' (ed25519) or 's' (sr25519), got 0x"
                        + HexFormat.of().toHexDigits(wire[0])));
        return new PrefixedSignature(type, Arrays.copyOfRange(wire, 1, LENGTH));
    }

    public byte[] encode() {
        byte[] wire = new byte[LENGTH];
        wire[0] = type.prefix();
        System.arraycopy(signature, 0, wire, 1, signature.length);
        return wire;
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /**
     * Checks the signature of {@code message} against an ed25519 public key.
     *
     * @throws RmbException BAD_SIGNATURE when it does not match or the type is sr25519 (unsupported here)
     */
    public void verify(byte[] publicKey, byte[] message, String what) {
        if (type == SignatureType.SR25519) {
            throw new RmbException(ErrorCode.BAD_SIGNATURE, what + " is signed with sr25519, which is not supported;"
                    + " use an ed25519 twin key");
        }
        if (!Ed25519.verify(publicKey, message, signature)) {
            throw new RmbException(ErrorCode.BAD_SIGNATURE, what + " signature does not match the sender's public key");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrefixedSignature other && type == other.type && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "PrefixedSignature[" + type + ", " + HexFormat.of().formatHex(signature) + "]";
    }
}
