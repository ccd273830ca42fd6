package dev.zos.core.registry.tx;

import dev.zos.core.ZosException;
import dev.zos.core.identity.Ed25519;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A transaction and the ed25519 signature of its canonical bytes. On the wire:
 * {@code {"signature":"<hex>","tx":{...}}} (see {@link TxCodec}).
 */
public record SignedTransaction(Transaction tx, byte[] signature) {
    public SignedTransaction {
        if (tx == null) {
            throw ZosException.invalid("tx is required");
        }
        if (signature == null || signature.length != Ed25519.SIGNATURE_LENGTH) {
            throw ZosException.invalid("signature must be " + Ed25519.SIGNATURE_LENGTH + " bytes");
        }
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    public byte[] toWire() {
        return TxCodec.encode(this);
    }

    public static SignedTransaction parse(byte[] wire) {
        return TxCodec.parse(wire);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedTransaction s && s.tx.equals(tx) && Arrays.equals(s.signature, signature);
    }

    @Override
    public int hashCode() {
        return tx.hashCode() * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "SignedTransaction[" + tx + ", signature=" + HexFormat.of().formatHex(signature) + "]";
    }
}
