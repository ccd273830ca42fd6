package dev.zos.farmer.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zos.core.ZosException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/**
 * Downloads from a grid's boot server (docs/operator-guide.md, "Boot server"): the first request for an image waits
 * for its build, so the timeout is long. Each file is written to a temporary name next to its target, its size
 * checked against Content-Length, and renamed into place, so an interrupted download leaves the old file as it was.
 */
final class BootDownload {
    static final Duration BUILD_TIMEOUT = Duration.ofMinutes(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final URI grid;

    BootDownload(URI grid) {
        this.grid = grid;
    }

    /** What {@code GET /boot} says. */
    record Info(boolean enabled, String reason, String runmode) {
    }

    Info info() {
        HttpResponse<byte[]> r = send(URI.create(base() + "/boot"), HttpResponse.BodyHandlers.ofByteArray(), Duration.ofSeconds(30));
        if (r.statusCode() == 404) {
            throw new ZosException(ZosException.Kind.UNAVAILABLE, "the grid at " + grid + " has no boot server (GET /boot answered 404)");
        }
        JsonNode body = json(r.body());
        if (r.statusCode() != 200 || body == null) {
            throw new ZosException(ZosException.Kind.UNAVAILABLE, "the grid at " + grid + " answered " + r.statusCode() + " to GET /boot");
        }
        return new Info(body.path("enabled").asBoolean(false), body.path("reason").asText(null), body.path("runmode").asText(null));
    }

    /** One downloaded file: where, how big, its SHA-256. */
    record Saved(Path path, long size, String sha256) {
    }

    /** Downloads {@code path} of the boot server into {@code target}; {@code progress} sees (bytes so far) and the total first. */
    Saved fetch(String path, Path target, Progress progress) {
        URI uri = URI.create(base() + path);
        progress.waiting(target.getFileName().toString());
        HttpResponse<InputStream> r = send(uri, HttpResponse.BodyHandlers.ofInputStream(), BUILD_TIMEOUT);
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                throw refusal(path, r.statusCode(), in.readNBytes(64 * 1024));
            }
            long expected = r.headers().firstValueAsLong("content-length").orElse(-1);
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path part = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
            try {
                MessageDigest sha = sha256();
                long size = 0;
                progress.start(target.getFileName().toString(), expected);
                try (OutputStream out = new DigestOutputStream(Files.newOutputStream(part), sha)) {
                    byte[] buf = new byte[256 * 1024];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        out.write(buf, 0, n);
                        size += n;
                        progress.accept(size);
                    }
                }
                progress.end();
                if (expected >= 0 && size != expected) {
                    throw new ZosException(ZosException.Kind.UNAVAILABLE, "download of " + uri + " ended after " + size + " of "
                            + expected + " bytes; nothing was written to " + target);
                }
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return new Saved(target, size, HexFormat.of().formatHex(sha.digest()));
            } finally {
                Files.deleteIfExists(part);
            }
        } catch (IOException e) {
            throw ZosException.unavailable("download of " + uri + " failed: " + e.getMessage() + "; nothing was written to " + target, e);
        }
    }

    /** Reports download progress; the bar at a terminal, nothing elsewhere. */
    interface Progress extends LongConsumer {
        /** Before the request: the grid may first build what was asked. */
        default void waiting(String name) {
        }

        void start(String name, long total);

        void end();

        Progress NONE = new Progress() {
            @Override
            public void start(String name, long total) {
            }

            @Override
            public void accept(long done) {
            }

            @Override
            public void end() {
            }
        };
    }

    private String base() {
        return grid.toString().replaceAll("/+$", "");
    }

    private <T> HttpResponse<T> send(URI uri, HttpResponse.BodyHandler<T> handler, Duration timeout) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), handler);
        } catch (IOException e) {
            throw ZosException.unavailable("cannot reach the grid at " + grid + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZosException(ZosException.Kind.UNAVAILABLE, "interrupted while talking to " + grid);
        }
    }

    /** The boot server's refusal as the error kind its status means, with its reason. */
    static ZosException refusal(String path, int status, byte[] body) {
        JsonNode json = json(body);
        String reason = json != null && json.hasNonNull("error") ? json.get("error").asText()
                : new String(body, StandardCharsets.UTF_8).strip();
        String message = "the boot server refused " + path + ": " + (reason.isEmpty() ? "HTTP " + status : reason);
        return switch (status) {
            case 400 -> ZosException.invalid(message);
            case 404 -> ZosException.notFound(message);
            case 403 -> ZosException.forbidden(message);
            default -> new ZosException(ZosException.Kind.UNAVAILABLE, message);
        };
    }

    private static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
