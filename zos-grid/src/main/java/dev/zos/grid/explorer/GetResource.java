package dev.zos.grid.explorer;

import dev.zos.core.ZosException;
import dev.zos.grid.http.Http;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only resource under a path prefix: answers GET only (405 otherwise), passes the path segments
 * after the prefix to its action, and turns failures into JSON errors (a ZosException by its kind, anything
 * else a logged 500). Queries may wait briefly on the registry's lock, so this handler may block.
 */
final class GetResource extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(GetResource.class);

    /** Answers a GET; {@code segments} are the non-empty path segments after the prefix. */
    interface Action {
        Reply answer(Request request, List<String> segments);
    }

    private final String prefix;
    private final Action action;

    GetResource(String prefix, Action action) {
        this.prefix = prefix;
        this.action = action;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.GET.is(request.getMethod())) {
            Errors.methodNotAllowed(response, callback, request.getMethod(), "GET");
            return true;
        }
        String path = GetResource.path(request);
        Reply reply;
        try {
            if (!path.startsWith(prefix)) {
                throw Errors.noSuchPath(path);
            }
            reply = action.answer(request, segments(path.substring(prefix.length())));
        } catch (ZosException e) {
            Errors.send(response, callback, e);
            return true;
        } catch (RuntimeException e) {
            LOG.error("explorer failed on {}", path, e);
            Http.error(response, callback, 500, "internal error while answering " + Query.clip(path));
            return true;
        }
        if (reply.count() != null) {
            response.getHeaders().put("Count", Long.toString(reply.count()));
        }
        Http.json(response, callback, reply.status(), reply.body());
        return true;
    }

    private static List<String> segments(String rest) {
        return Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * The request's decoded path. (Request.getPathInContext fails under PathMappingsHandler when no
     * ContextHandler is set, in Jetty 12.1.)
     */
    static String path(Request request) {
        String p = request.getHttpURI().getDecodedPath();
        return p == null ? "/" : p;
    }

    /** Parses a path id: a positive whole number, else INVALID naming {@code what}. */
    static long pathId(String segment, String what) {
        if (!segment.matches("^[0-9]{1,18}$") || Long.parseLong(segment) < 1) {
            throw ZosException.invalid(what + " must be a positive whole number, got '" + Query.clip(segment) + "'");
        }
        return Long.parseLong(segment);
    }
}
