package dev.zos.grid.hub;

import dev.zos.grid.http.Http;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /<twin>/<name>} (the flist file, links followed) and {@code GET /<twin>/<name>.md5} (its hex
 * MD5 and a newline), the paths ThreeFold nodes download from. {@code x.flist} finds {@code x.fl} and back,
 * and {@code x.fl} finds a link named {@code x}. Every other path goes to the fallback (the explorer's 404).
 */
final class HubFilesResource extends Handler.Abstract {
    private final Hub hub;
    private final Handler fallback;

    HubFilesResource(Hub hub, Handler fallback) {
        this.hub = hub;
        this.fallback = fallback;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String raw = HubRequests.rawPath(request);
        String[] parts = raw.split("/", -1);
        if (parts.length != 3 || !parts[0].isEmpty() || !dev.zos.flist.hub.HubNames.isUser(parts[1])) {
            return fallback.handle(request, response, callback);
        }
        try {
            List<String> seg = HubRequests.segments(raw, "");
            if (seg.size() != 2) {
                throw HubRefusal.notFound("no such flist: " + HubRequests.clip(raw));
            }
            String method = request.getMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                HubRequests.methodNotAllowed(response, callback, method, "GET, HEAD");
                return true;
            }
            long user = Hub.user(seg.get(0));
            String name = seg.get(1);
            boolean md5 = name.endsWith(".md5");
            if (md5) {
                name = name.substring(0, name.length() - ".md5".length());
            }
            serve(request, response, callback, user, Hub.name(name), md5);
        } catch (Exception e) {
            HubRequests.fail(request, response, callback, e);
        }
        return true;
    }

    private void serve(Request request, Response response, Callback callback, long user, String name, boolean md5)
            throws IOException {
        // a concurrent publish may remove the file between reading the entry and opening it: look again
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<HubStorage.Resolved> found = resolve(user, name);
            if (found.isEmpty()) {
                throw HubRefusal.notFound("no flist " + name + " in namespace " + user);
            }
            HubStorage.Resolved r = found.get();
            if (md5) {
                Http.text(response, callback, 200, "text/plain; charset=utf-8", r.entry().md5() + "\n");
                return;
            }
            InputStream in;
            try {
                in = Files.newInputStream(r.file());
            } catch (NoSuchFileException e) {
                continue;
            }
            response.getHeaders().put(HttpHeader.ETAG, "\"" + r.entry().md5() + "\"");
            Http.stream(request, response, callback, in, r.entry().size(), "application/octet-stream");
            return;
        }
        throw HubRefusal.notFound(name + " of namespace " + user + " keeps changing; try again");
    }

    private Optional<HubStorage.Resolved> resolve(long user, String name) {
        List<String> candidates = new ArrayList<>();
        candidates.add(name);
        if (name.endsWith(".flist")) {
            candidates.add(name.substring(0, name.length() - ".flist".length()) + ".fl");
        } else if (name.endsWith(".fl")) {
            candidates.add(name + "ist");
            candidates.add(name.substring(0, name.length() - ".fl".length()));
        }
        for (String c : candidates) {
            if (dev.zos.flist.hub.HubNames.isName(c)) {
                Optional<HubStorage.Resolved> r = hub.storage().resolve(user, c);
                if (r.isPresent()) {
                    return r;
                }
            }
        }
        return Optional.empty();
    }
}
