package dev.zos.grid.hub;

import dev.zos.grid.http.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /api/flist}: GET lists users, {@code /api/flist/<twin>} a user's entries, {@code /api/flist/<twin>/<name>}
 * one entry with its tags. Signed writes in the signer's own namespace: {@code PUT /api/flist/<twin>/<name>}
 * publishes the body as an flist, {@code POST /api/flist/<twin>/<target>/link/<name>} links a name to an flist
 * (0-hub's shape), {@code DELETE /api/flist/<twin>/<name>} deletes either.
 */
final class HubApiResource extends Handler.Abstract {
    private static final String PREFIX = "/api/flist";
    private final Hub hub;

    HubApiResource(Hub hub) {
        this.hub = hub;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        try {
            String raw = HubRequests.rawPath(request);
            List<String> seg = HubRequests.segments(raw, PREFIX);
            String method = request.getMethod();
            switch (seg.size()) {
                case 0 -> {
                    requireGet(method);
                    Http.json(response, callback, 200, hub.storage().users());
                }
                case 1 -> {
                    requireGet(method);
                    Http.json(response, callback, 200, hub.storage().list(Hub.user(seg.get(0))));
                }
                case 2 -> entry(request, response, callback, raw, Hub.user(seg.get(0)), Hub.name(seg.get(1)));
                case 4 -> {
                    if (!seg.get(2).equals("link")) {
                        throw HubRefusal.notFound("no such path: " + HubRequests.clip(raw));
                    }
                    if (!"POST".equals(method) && !"PUT".equals(method)) {
                        throw new MethodRefusal("POST");
                    }
                    long user = Hub.user(seg.get(0));
                    String target = Hub.name(seg.get(1));
                    String name = Hub.name(seg.get(3));
                    var claim = writer(request, user);
                    byte[] body = HubRequests.readBody(request, 4096);
                    hub.auth().verify(claim, method, raw, dev.zos.flist.hub.HubAuth.sha256(body));
                    Http.json(response, callback, 200, hub.storage().link(user, name, target));
                }
                default -> throw HubRefusal.notFound("no such path: " + HubRequests.clip(raw));
            }
        } catch (MethodRefusal m) {
            HubRequests.methodNotAllowed(response, callback, request.getMethod(), m.allowed);
        } catch (Exception e) {
            HubRequests.fail(request, response, callback, e);
        }
        return true;
    }

    private void entry(Request request, Response response, Callback callback, String raw, long user, String name)
            throws Exception {
        switch (request.getMethod()) {
            case "GET" -> Http.json(response, callback, 200, hub.info(user, name));
            case "PUT", "POST" -> {
                var claim = writer(request, user);
                Path temp = hub.storage().tempFile(".fl");
                try {
                    var upload = HubRequests.readToFile(request, temp, Hub.MAX_FLIST_BYTES);
                    hub.auth().verify(claim, request.getMethod(), raw, upload.sha256());
                    Http.json(response, callback, 200, hub.publish(user, name, temp, upload.md5(), upload.size()));
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
            case "DELETE" -> {
                var claim = writer(request, user);
                byte[] body = HubRequests.readBody(request, 4096);
                hub.auth().verify(claim, "DELETE", raw, dev.zos.flist.hub.HubAuth.sha256(body));
                hub.storage().delete(user, name);
                Http.json(response, callback, 200, java.util.Map.of("deleted", name));
            }
            default -> throw new MethodRefusal("GET, PUT, POST, DELETE");
        }
    }

    /** The signer's claim, refused unless it is the owner of namespace {@code user}. */
    private HubAuthenticator.Claim writer(Request request, long user) {
        var claim = hub.auth().claim(request.getHeaders());
        if (claim.twin() != user) {
            throw HubRefusal.forbidden("twin " + claim.twin() + " may write only in its own namespace /" + claim.twin()
                    + ", not in /" + user);
        }
        return claim;
    }

    private static void requireGet(String method) {
        if (!"GET".equals(method)) {
            throw new MethodRefusal("GET");
        }
    }

    private static final class MethodRefusal extends RuntimeException {
        final String allowed;

        MethodRefusal(String allowed) {
            super(null, null, false, false);
            this.allowed = allowed;
        }
    }
}
