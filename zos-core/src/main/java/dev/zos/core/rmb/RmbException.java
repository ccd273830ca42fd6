package dev.zos.core.rmb;

import dev.zos.core.ZosException;

/**
 * A failure that carries an RMB error code: thrown by envelope checks (so a peer knows which code to
 * answer with), thrown by command handlers to choose the code, and used to report Error envelopes
 * received from a remote peer or a relay.
 */
public class RmbException extends ZosException {
    private final int code;

    public RmbException(ErrorCode code, String message) {
        this(code.code(), message);
    }

    public RmbException(int code, String message) {
        super(ErrorCode.of(code).map(ErrorCode::kind).orElse(Kind.INTERNAL), message);
        this.code = code;
    }

    public RmbException(ErrorCode code, String message, Throwable cause) {
        super(code.kind(), message, cause);
        this.code = code.code();
    }

    /** The numeric RMB code; remote peers may use codes outside {@link ErrorCode}. */
    public int code() {
        return code;
    }
}
