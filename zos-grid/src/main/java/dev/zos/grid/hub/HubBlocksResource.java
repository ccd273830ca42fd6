package dev.zos.grid.hub;

import dev.zos.core.ZosException;
import dev.zos.flist.hub.HubAuth;
import dev.zos.grid.http.Http;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /blocks/<hex[0:2]>/<hex>} (and the flat {@code /blocks/<hex>}), the layout an {@code http://} store
 * reads: GET the stored bytes, HEAD to test presence, signed PUT or POST to upload one block of at most
 * {@link Hub#MAX_BLOCK_BYTES} whose id must be its BLAKE2b-256.
 */
final class HubBlocksResource extends Handler.Abstract {
    private static final String PREFIX = "/blocks";
    private final Hub hub;

    HubBlocksResource(Hub hub) {
        this.hub = hub;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        try {
            String raw = HubRequests.rawPath(request);
            byte[] id = id(HubRequests.segments(raw, PREFIX));
            switch (request.getMethod()) {
                case "GET", "HEAD" -> read(request, response, callback, id);
                case "PUT", "POST" -> {
                    var claim = hub.auth().claim(request.getHeaders());
                    byte[] body = HubRequests.readBody(request, Hub.MAX_BLOCK_BYTES);
                    hub.auth().verify(claim, request.getMethod(), raw, HubAuth.sha256(body));
                    boolean created = hub.putBlock(id, body);
                    Http.json(response, callback, created ? 201 : 200,
                            Map.of("id", HexFormat.of().formatHex(id), "size", body.length, "created", created));
                }
                default -> HubRequests.methodNotAllowed(response, callback, request.getMethod(), "GET, HEAD, PUT, POST");
            }
        } catch (Exception e) {
            HubRequests.fail(request, response, callback, e);
        }
        return true;
    }

    private void read(Request request, Response response, Callback callback, byte[] id) {
        if ("HEAD".equals(request.getMethod())) {
            if (!hub.storage().blocks().exists(id)) {
                throw HubRefusal.notFound("block " + HexFormat.of().formatHex(id) + " is not in this hub");
            }
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
            response.write(true, null, callback);
            return;
        }
        byte[] data;
        try {
            data = hub.storage().blocks().get(id);
        } catch (ZosException e) {
            if (e.kind() == ZosException.Kind.NOT_FOUND) {
                throw HubRefusal.notFound("block " + HexFormat.of().formatHex(id) + " is not in this hub");
            }
            throw e;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, data.length);
        // blocks are content-addressed: a block never changes
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "public, max-age=31536000, immutable");
        response.write(true, ByteBuffer.wrap(data), callback);
    }

    /** {@code [hh, hex]} with {@code hh} the first two digits of {@code hex}, or {@code [hex]}. */
    private static byte[] id(List<String> segments) {
        String hex;
        if (segments.size() == 2 && segments.get(0).length() == 2 && segments.get(1).startsWith(segments.get(0))) {
            hex = segments.get(1);
        } else if (segments.size() == 1) {
            hex = segments.get(0);
        } else {
            throw HubRefusal.notFound("no such block path; blocks are at /blocks/<hex[0:2]>/<hex>");
        }
        if (!hex.matches("^[0-9a-f]{64}$")) {
            throw HubRefusal.badRequest("a block id is 64 lowercase hex digits, got '" + HubRequests.clip(hex) + "'");
        }
        return HexFormat.of().parseHex(hex);
    }
}
