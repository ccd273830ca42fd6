package dev.zos.flist.sign;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The outcome of checking an flist's signature.
 *
 * @param status    what was found
 * @param twinId    the twin the signature claims (0 when unsigned)
 * @param publicKey the public key (hex) the signature was checked with, or the one it names when none was found
 * @param message   one line for people
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignatureCheck(Status status, long twinId, String publicKey, String message) {

    public enum Status {
        /** Signed by {@code twinId}, and the content is what was signed. */
        VALID,
        /** No signature tags. */
        UNSIGNED,
        /** Signature tags present, but the signature does not match the content or the key. */
        INVALID,
        /** The claimed twin is not registered (only when checking through a twin lookup). */
        UNKNOWN_SIGNER
    }

    public boolean valid() {
        return status == Status.VALID;
    }
}
