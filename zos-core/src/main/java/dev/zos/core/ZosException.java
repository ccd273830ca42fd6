package dev.zos.core;

/**
 * The one root of every failure this project reports to a person or a peer.
 * The message is a single line that says what failed and, where it can, what to do.
 */
public class ZosException extends RuntimeException {

    /** What kind of failure this is; command lines and services map kinds to exit codes and status codes. */
    public enum Kind {
        /** The input is malformed or breaks a rule; retrying the same input will fail again. */
        INVALID,
        /** The named thing does not exist. */
        NOT_FOUND,
        /** The caller may not do this (bad signature, wrong owner, expired token). */
        FORBIDDEN,
        /** The request conflicts with the current state (duplicate, replay, stale version). */
        CONFLICT,
        /** A service or resource needed for this is not reachable or not ready; retrying may help. */
        UNAVAILABLE,
        /** A bug or an unexpected condition of this program. */
        INTERNAL
    }

    private final Kind kind;

    public ZosException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ZosException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static ZosException invalid(String message) {
        return new ZosException(Kind.INVALID, message);
    }

    public static ZosException notFound(String message) {
        return new ZosException(Kind.NOT_FOUND, message);
    }

    public static ZosException forbidden(String message) {
        return new ZosException(Kind.FORBIDDEN, message);
    }

    public static ZosException unavailable(String message, Throwable cause) {
        return new ZosException(Kind.UNAVAILABLE, message, cause);
    }
}
