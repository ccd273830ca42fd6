package dev.zos.grid.boot;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.zos.core.ZosException;
import dev.zos.grid.http.Http;
import dev.zos.imagegen.build.Runmode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The boot server's HTTP answers; blocking, since a first request for an image waits for its build. */
final class BootResource extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(BootResource.class);
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}\\](:[0-9]{1,5})?");

    private final BootServer boot;

    BootResource(BootServer boot) {
        this.boot = boot;
    }

    /** What {@code GET /boot} answers: whether boot media can be had here, and the defaults clients use. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Info(boolean enabled, String reason, String url, String runmode, List<String> runmodes, List<String> paths,
                String releaseKey) {
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        try {
            String method = request.getMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                throw new BootRefusal(405, "method " + BootTarget.clip(method) + " is not allowed here; use GET or HEAD");
            }
            if ("/boot".equals(path)) {
                info(request, response, callback);
                return true;
            }
            if (!boot.enabled()) {
                throw new BootRefusal(503, BootServer.NOT_CONFIGURED);
            }
            int slash = path.indexOf('/', 1);
            String kind = slash < 0 ? path.substring(1) : path.substring(1, slash);
            BootTarget target = BootTarget.parse(kind, slash < 0 ? "" : path.substring(slash));
            if (boot.registry().farm(target.farm()).isEmpty()) {
                throw BootRefusal.notFound("farm " + target.farm() + " is not registered on this grid");
            }
            URI grid = gridOf(request);
            BootMedia media = boot.media();
            switch (kind) {
                case "ipxe" -> text(request, response, callback, BootScript.of(target, grid, media.cmdline(target, grid)));
                case "cmdline" -> text(request, response, callback, media.cmdline(target, grid) + "\n");
                case "kernel" -> file(request, response, callback, media.vmlinuz(), "application/octet-stream", BootScript.KERNEL_NAME);
                case "initramfs" -> file(request, response, callback, media.initramfs(), "application/octet-stream", BootScript.INITRD_NAME);
                default -> file(request, response, callback, media.image(kind, target, grid),
                        "iso".equals(kind) ? "application/x-iso9660-image" : "application/octet-stream",
                        "zos-" + target.runmode().value() + "-farm" + target.farm() + BootMedia.extension(kind));
            }
        } catch (BootRefusal r) {
            Http.error(response, callback, r.status(), r.getMessage());
        } catch (ZosException e) {
            // the request was fine; building its media was not possible here (a missing tool, no kernel, ...)
            LOG.warn("boot server: {} failed: {}", BootTarget.clip(path), e.getMessage());
            Http.error(response, callback, 503, "the boot server cannot build this now: " + oneLine(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("boot server failed on {}", BootTarget.clip(path), e);
            Http.error(response, callback, 500, "internal error of the boot server");
        }
        return true;
    }

    private void info(Request request, Response response, Callback callback) {
        List<String> runmodes = Arrays.stream(Runmode.values()).map(Runmode::value).toList();
        Info info = boot.enabled()
                ? new Info(true, null, (boot.config().publicUrl() != null ? boot.config().publicUrl() : gridOf(request)).toString(),
                        boot.config().runmode().value(), runmodes, BootServer.KINDS.stream().map(k -> "/" + k + "/<runmode>/<farm>[/<extra>]").toList(),
                        boot.releaseKey())
                : new Info(false, BootServer.NOT_CONFIGURED, null, null, runmodes, null, null);
        Http.json(response, callback, 200, info);
    }

    /** The grid as the nodes reach it: the configured URL, else this request's scheme and Host. */
    private URI gridOf(Request request) {
        URI configured = boot.config() == null ? null : boot.config().publicUrl();
        if (configured != null) {
            return configured;
        }
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (host == null || !HOST.matcher(host).matches()) {
            throw BootRefusal.badRequest("the request has no usable Host header to tell the nodes this grid's URL;"
                    + " send one, or configure the grid with --boot-url URL");
        }
        return URI.create((request.isSecure() ? "https" : "http") + "://" + host);
    }

    private static void text(Request request, Response response, Callback callback, String body) {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, "HEAD".equals(request.getMethod()) ? null : java.nio.ByteBuffer.wrap(bytes), callback);
    }

    private static void file(Request request, Response response, Callback callback, BootMedia.Built built, String type, String name)
            throws BootRefusal {
        String etag = "\"" + built.etag() + "\"";
        response.getHeaders().put(HttpHeader.ETAG, etag);
        String match = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
        if (match != null && (match.equals(etag) || match.equals("*"))) {
            response.setStatus(304);
            response.write(true, null, callback);
            return;
        }
        InputStream in;
        try {
            in = Files.newInputStream(built.file());
        } catch (IOException e) {
            throw new BootRefusal(503, "the built " + name + " is gone from the cache; try again");
        }
        response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"");
        Http.stream(request, response, callback, in, built.size(), type);
    }

    private static String oneLine(String message) {
        String m = message == null || message.isBlank() ? "failed" : message.replaceAll("\\s+", " ").strip();
        return m.length() > 500 ? m.substring(0, 500) + "…" : m;
    }
}
