package dev.zos.grid.hub;

import java.util.List;

/**
 * A request the hub refuses, with the HTTP status to answer and, for a publish whose blocks are not all
 * present, the missing block ids.
 */
final class HubRefusal extends RuntimeException {
    private final int status;
    private final List<String> missing;

    HubRefusal(int status, String message) {
        this(status, message, null);
    }

    HubRefusal(int status, String message, List<String> missing) {
        super(message, null, false, false);
        this.status = status;
        this.missing = missing;
    }

    int status() {
        return status;
    }

    List<String> missing() {
        return missing;
    }

    static HubRefusal unauthorized(String message) {
        return new HubRefusal(401, message);
    }

    static HubRefusal forbidden(String message) {
        return new HubRefusal(403, message);
    }

    static HubRefusal badRequest(String message) {
        return new HubRefusal(400, message);
    }

    static HubRefusal notFound(String message) {
        return new HubRefusal(404, message);
    }

    static HubRefusal conflict(String message) {
        return new HubRefusal(409, message);
    }
}
