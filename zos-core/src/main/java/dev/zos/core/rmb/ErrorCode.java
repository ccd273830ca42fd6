package dev.zos.core.rmb;

import dev.zos.core.ZosException;
import java.util.Arrays;
import java.util.Optional;

/** The error codes RMB peers put in Error envelopes, as ThreeFold's peers use them. */
public enum ErrorCode {
    INVALID_MESSAGE(100, ZosException.Kind.INVALID),
    INVALID_PAYLOAD(101, ZosException.Kind.INVALID),
    /** The envelope expired, was replayed or failed another validation rule. */
    VALIDATION_FAILED(102, ZosException.Kind.INVALID),
    UNKNOWN_TWIN(103, ZosException.Kind.NOT_FOUND),
    BAD_SIGNATURE(104, ZosException.Kind.FORBIDDEN),
    NO_PUBLIC_KEY(105, ZosException.Kind.FORBIDDEN),
    CRYPTO_ERROR(106, ZosException.Kind.INVALID),
    OTHER(500, ZosException.Kind.INTERNAL);

    private final int code;
    private final ZosException.Kind kind;

    ErrorCode(int code, ZosException.Kind kind) {
        this.code = code;
        this.kind = kind;
    }

    public int code() {
        return code;
    }

    /** The local failure kind this code maps to, so callers can react without knowing RMB codes. */
    public ZosException.Kind kind() {
        return kind;
    }

    public static Optional<ErrorCode> of(int code) {
        return Arrays.stream(values()).filter(c -> c.code == code).findFirst();
    }
}
