package dev.zos.grid.boot;

/** A boot request the server refuses, with the HTTP status to answer. */
final class BootRefusal extends RuntimeException {
    private final int status;

    BootRefusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    static BootRefusal notFound(String message) {
        return new BootRefusal(404, message);
    }

    static BootRefusal badRequest(String message) {
        return new BootRefusal(400, message);
    }
}
