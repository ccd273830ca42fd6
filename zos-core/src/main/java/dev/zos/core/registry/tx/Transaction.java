package dev.zos.core.registry.tx;

import dev.zos.core.ZosException;
import dev.zos.core.registry.model.Checks;

/**
 * One change to the registry, made by the twin {@code signer} (0 for {@code twin.create}, whose body
 * carries the new key). {@code nonce} must be greater than the signer's previous nonce; {@code timestamp}
 * is UTC seconds and must be close to the registry's clock when submitted.
 */
public record Transaction(long signer, long nonce, long timestamp, TxType type, TxBody body) {
    public Transaction {
        Checks.notNegative(signer, "signer");
        Checks.notNegative(nonce, "nonce");
        if (timestamp <= 0) {
            throw ZosException.invalid("timestamp must be positive unix seconds, got " + timestamp);
        }
        Checks.required(type, "type");
        Checks.required(body, "body");
        if (!type.bodyType().isInstance(body)) {
            throw ZosException.invalid("body does not match type " + type.wire());
        }
        if ((type == TxType.TWIN_CREATE) != (signer == 0)) {
            throw ZosException.invalid(type == TxType.TWIN_CREATE
                    ? "twin.create must have signer 0: a new twin has no id yet"
                    : "signer 0 is only valid for twin.create");
        }
    }

    public static Transaction of(long signer, long nonce, long timestamp, TxBody body) {
        return new Transaction(signer, nonce, timestamp, TxType.ofBody(body), body);
    }

    /** The canonical bytes that are signed and stored in the log. */
    public byte[] canonicalBytes() {
        return TxCodec.canonical(this);
    }
}
