package dev.zos.grid.explorer;

import dev.zos.core.ZosException;
import dev.zos.grid.http.Http;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** How the explorer turns failures into {@code {"error": "..."}} answers. */
final class Errors {
    private Errors() {
    }

    static int status(ZosException.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case UNAVAILABLE -> 503;
            case INTERNAL -> 500;
        };
    }

    /** The message on one line, at most 500 characters. */
    static String oneLine(String message) {
        String m = message == null || message.isBlank() ? "request failed" : message.replaceAll("\\s+", " ").strip();
        return m.length() > 500 ? m.substring(0, 500) + "…" : m;
    }

    static void send(Response response, Callback callback, ZosException e) {
        Http.error(response, callback, status(e.kind()), oneLine(e.getMessage()));
    }

    static void methodNotAllowed(Response response, Callback callback, String method, String allowed) {
        response.getHeaders().put(HttpHeader.ALLOW, allowed);
        Http.error(response, callback, 405, "method " + Query.clip(method) + " is not allowed here; use " + allowed);
    }

    static ZosException noSuchPath(String path) {
        return ZosException.notFound("no such path: " + Query.clip(path));
    }
}
