package dev.zos.grid.hub;

import dev.zos.core.ZosException;
import dev.zos.flist.hub.HubAuth;
import dev.zos.grid.http.Http;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Path parsing, bounded body reading and error answers shared by the hub's resources. */
final class HubRequests {
    private static final Logger LOG = LoggerFactory.getLogger(HubRequests.class);

    private HubRequests() {
    }

    /** The raw (still encoded) request path, as it was signed. */
    static String rawPath(Request request) {
        String p = request.getHttpURI().getPath();
        return p == null || p.isEmpty() ? "/" : p;
    }

    /**
     * The segments of a raw path after {@code prefix}. Hub names never need escaping, so any {@code %}, a
     * backslash, an empty, {@code .} or {@code ..} segment is refused: nothing reaches the file system that
     * could name another place.
     */
    static List<String> segments(String rawPath, String prefix) {
        if (rawPath.indexOf('%') >= 0 || rawPath.indexOf('\\') >= 0 || rawPath.indexOf('\0') >= 0) {
            throw HubRefusal.badRequest("hub paths hold no escaped or special characters: " + clip(rawPath));
        }
        String rest = rawPath.substring(prefix.length());
        List<String> out = new ArrayList<>();
        if (rest.isEmpty() || rest.equals("/")) {
            return out;
        }
        if (!rest.startsWith("/")) {
            throw HubRefusal.notFound("no such path: " + clip(rawPath));
        }
        String[] parts = rest.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String s = parts[i];
            if (s.isEmpty() && i == parts.length - 1) {
                continue;
            }
            if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                throw HubRefusal.badRequest("hub paths have no empty, '.' or '..' segments: " + clip(rawPath));
            }
            out.add(s);
        }
        return out;
    }

    /**
     * How much of a declared-too-large body is read and dropped before the 413: a client still sending when the
     * server closes gets a reset instead of the answer. Beyond this the connection is closed at once.
     */
    static final long DRAIN_LIMIT = 8L << 20;

    /** The whole body, at most {@code max} bytes (413 beyond). */
    static byte[] readBody(Request request, int max) throws IOException {
        if (request.getLength() > max) {
            throw new HubRefusal(413, "request body is larger than " + max + " bytes");
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(max + 1);
            if (body.length > max) {
                throw new HubRefusal(413, "request body is larger than " + max + " bytes");
            }
            return body;
        }
    }

    /** Reads and drops what is left of a body of a known, bounded length, so the client gets to read the answer. */
    private static void drain(Request request) {
        long length = request.getLength();
        if (length <= 0 || length > DRAIN_LIMIT) {
            return;
        }
        try {
            Content.Source.asInputStream(request).transferTo(OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            // already consumed or the client went away: nothing left to drop
        }
    }

    /** What {@link #readToFile} saw. */
    record Upload(long size, byte[] sha256, String md5) {
    }

    /** Streams the body into {@code file}, at most {@code max} bytes (413 beyond), digesting it on the way. */
    static Upload readToFile(Request request, Path file, long max) throws IOException {
        if (request.getLength() > max) {
            throw new HubRefusal(413, "flist is larger than " + max + " bytes, the hub's limit");
        }
        MessageDigest sha = HubAuth.sha256();
        MessageDigest md5 = md5();
        long size = 0;
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Content.Source.asInputStream(request); OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                size += n;
                if (size > max) {
                    throw new HubRefusal(413, "flist is larger than " + max + " bytes, the hub's limit");
                }
                sha.update(buf, 0, n);
                md5.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        }
        return new Upload(size, sha.digest(), java.util.HexFormat.of().formatHex(md5.digest()));
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    /** A refusal or failure as {@code {"error": ...}} (plus {@code missing} for absent blocks). */
    static void fail(Request request, Response response, Callback callback, Throwable failure) {
        drain(request);
        switch (failure) {
            case HubRefusal r when r.missing() != null ->
                    Http.json(response, callback, r.status(), new MissingBody(r.getMessage(), r.missing()));
            case HubRefusal r -> Http.error(response, callback, r.status(), r.getMessage());
            case ZosException z -> Http.error(response, callback, switch (z.kind()) {
                case INVALID -> 400;
                case NOT_FOUND -> 404;
                case FORBIDDEN -> 403;
                case CONFLICT -> 409;
                case UNAVAILABLE -> 503;
                case INTERNAL -> 500;
            }, oneLine(z.getMessage()));
            default -> {
                LOG.error("hub failed on {} {}", request.getMethod(), clip(rawPath(request)), failure);
                Http.error(response, callback, 500, "internal error of the hub");
            }
        }
    }

    static void methodNotAllowed(Response response, Callback callback, String method, String allowed) {
        response.getHeaders().put(HttpHeader.ALLOW, allowed);
        Http.error(response, callback, 405, "method " + clip(method) + " is not allowed here; use " + allowed);
    }

    record MissingBody(String error, List<String> missing) {
    }

    static String oneLine(String message) {
        String m = message == null || message.isBlank() ? "request failed" : message.replaceAll("\\s+", " ").strip();
        return m.length() > 500 ? m.substring(0, 500) + "…" : m;
    }

    static String clip(String s) {
        String one = s == null ? "" : s.replaceAll("\\p{Cntrl}", "?");
        return one.length() > 120 ? one.substring(0, 120) + "…" : one;
    }
}
