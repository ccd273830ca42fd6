package dev.zos.flist.hub;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zos.core.ZosException;
import dev.zos.core.identity.TwinKey;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A client of a zos hub ({@code zos-grid serve}): reads flists and listings, tests and uploads blocks, and
 * publishes, links and deletes flists in its twin's namespace with signed requests ({@link HubAuth}).
 * Thread-safe.
 * <pre>{@code
 * var hub = HubClient.signed("http://127.0.0.1:8080", key, twinId);
 * if (!hub.hasBlock(id)) hub.putBlock(id, bytes);
 * HubEntry e = hub.publish("app.fl", Path.of("app.fl"));
 * }</pre>
 */
public final class HubClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final HexFormat HEX = HexFormat.of();

    private final URI base;
    private final TwinKey key;
    private final long twinId;
    private final Clock clock;
    private final HttpClient http;
    private final Duration timeout;

    private HubClient(String url, TwinKey key, long twinId, Clock clock, Duration timeout) {
        this.base = parseUrl(url);
        this.key = key;
        this.twinId = twinId;
        this.clock = clock;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A client that only reads. */
    public static HubClient anonymous(String url) {
        return new HubClient(url, null, 0, Clock.systemUTC(), Duration.ofMinutes(5));
    }

    /** A client that signs its writes as twin {@code twinId} with {@code key}. */
    public static HubClient signed(String url, TwinKey key, long twinId) {
        return signed(url, key, twinId, Clock.systemUTC());
    }

    public static HubClient signed(String url, TwinKey key, long twinId, Clock clock) {
        if (twinId < 1) {
            throw ZosException.invalid("twin id must be positive, got " + twinId);
        }
        return new HubClient(url, key, twinId, clock, Duration.ofMinutes(5));
    }

    /** A hub base URL: {@code http(s)://host[:port][/prefix]}, without a trailing slash. */
    public static URI parseUrl(String url) {
        URI u;
        try {
            u = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw ZosException.invalid("hub URL '" + HubNames.clip(url) + "' is not a URL: " + e.getMessage());
        }
        if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null
                || u.getRawQuery() != null || u.getRawUserInfo() != null) {
            throw ZosException.invalid("hub URL '" + HubNames.clip(url) + "' must be http(s)://host[:port][/path]");
        }
        return u;
    }

    public URI url() {
        return base;
    }

    /** The URL of the hub's block store, as an flist route: {@code <hub>/blocks}. */
    public String blocksUrl() {
        return base + "/blocks";
    }

    public long twinId() {
        return twinId;
    }

    /** Whether the hub holds block {@code id} ({@code HEAD /blocks/<hex[0:2]>/<hex>}). */
    public boolean hasBlock(byte[] id) {
        HttpResponse<byte[]> r = send(request(blockPath(id)).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        if (r.statusCode() == 200) {
            return true;
        }
        if (r.statusCode() == 404) {
            return false;
        }
        throw failure(r, "HEAD " + blockPath(id));
    }

    /** Uploads one stored (encrypted) block; the hub checks that {@code id} is the BLAKE2b-256 of {@code data}. */
    public void putBlock(byte[] id, byte[] data) {
        String path = blockPath(id);
        HttpRequest.Builder b = signedRequest("PUT", path, HubAuth.sha256(data))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data))
                .header("Content-Type", "application/octet-stream");
        HttpResponse<byte[]> r = send(b);
        if (r.statusCode() / 100 != 2) {
            throw failure(r, "PUT " + path);
        }
    }

    /** The raw bytes of a block from the hub. */
    public byte[] getBlock(byte[] id) {
        HttpResponse<byte[]> r = send(request(blockPath(id)).GET());
        if (r.statusCode() != 200) {
            throw failure(r, "GET " + blockPath(id));
        }
        return r.body();
    }

    /**
     * Publishes {@code flist} as {@code name} in this twin's namespace, replacing an flist of that name. The hub
     * refuses it (CONFLICT, naming them) unless every block it lists is in the hub's block store.
     */
    public HubEntry publish(String name, Path flist) {
        HubNames.requireName(name);
        byte[] digest = sha256(flist);
        String path = "/api/flist/" + twinId + "/" + name;
        HttpRequest.Builder b;
        try {
            b = signedRequest("PUT", path, digest).PUT(HttpRequest.BodyPublishers.ofFile(flist))
                    .header("Content-Type", "application/octet-stream");
        } catch (java.io.FileNotFoundException e) {
            throw ZosException.notFound("flist " + flist + " does not exist");
        }
        return entry(sendOk(b, "publish " + name));
    }

    /** Points link {@code name} at flist {@code target}, both in this twin's namespace (a link is replaced). */
    public HubEntry link(String name, String target) {
        HubNames.requireName(name);
        HubNames.requireName(target);
        String path = "/api/flist/" + twinId + "/" + target + "/link/" + name;
        return entry(sendOk(signedRequest("POST", path, HubAuth.sha256(new byte[0]))
                .POST(HttpRequest.BodyPublishers.noBody()), "link " + name + " -> " + target));
    }

    /** Deletes flist or link {@code name} from this twin's namespace. */
    public void delete(String name) {
        HubNames.requireName(name);
        String path = "/api/flist/" + twinId + "/" + name;
        sendOk(signedRequest("DELETE", path, HubAuth.sha256(new byte[0])).DELETE(), "delete " + name);
    }

    /** The users (twin ids) that have published something. */
    public List<String> users() {
        return read("/api/flist", new TypeReference<>() { });
    }

    /** A user's flists and links. */
    public List<HubEntry> list(long user) {
        return read("/api/flist/" + user, new TypeReference<>() { });
    }

    /** One entry with its flist's tags; a link describes its target's file. */
    public HubEntry info(long user, String name) {
        return read("/api/flist/" + user + "/" + HubNames.requireName(name), new TypeReference<>() { });
    }

    /** Downloads {@code /<user>/<name>} to {@code target}. */
    public void download(long user, String name, Path target) {
        HttpRequest req = request("/" + user + "/" + HubNames.requireName(name)).GET().build();
        try {
            HttpResponse<Path> r = http.send(req, HttpResponse.BodyHandlers.ofFile(target));
            if (r.statusCode() != 200) {
                Files.deleteIfExists(target);
                throw ZosException.notFound("hub " + base + " has no flist " + user + "/" + name
                        + " (HTTP " + r.statusCode() + ")");
            }
        } catch (IOException e) {
            throw ZosException.unavailable("hub " + base + " is unavailable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ZosException.unavailable("interrupted while talking to hub " + base, e);
        }
    }

    private <T> T read(String path, TypeReference<T> type) {
        HttpResponse<byte[]> r = send(request(path).GET());
        if (r.statusCode() != 200) {
            throw failure(r, "GET " + path);
        }
        try {
            return JSON.readValue(r.body(), type);
        } catch (IOException e) {
            throw ZosException.unavailable("hub " + base + " answered GET " + path + " with malformed JSON", e);
        }
    }

    private static HubEntry entry(byte[] body) {
        try {
            return JSON.readValue(body, HubEntry.class);
        } catch (IOException e) {
            throw ZosException.unavailable("the hub answered with malformed JSON", e);
        }
    }

    private byte[] sendOk(HttpRequest.Builder b, String what) {
        HttpResponse<byte[]> r = send(b);
        if (r.statusCode() / 100 != 2) {
            throw failure(r, what);
        }
        return r.body();
    }

    static String blockPath(byte[] id) {
        if (id == null || id.length != 32) {
            throw ZosException.invalid("a block id is 32 bytes");
        }
        String hex = HEX.formatHex(id);
        return "/blocks/" + hex.substring(0, 2) + "/" + hex;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
    }

    private HttpRequest.Builder signedRequest(String method, String path, byte[] bodySha256) {
        if (key == null) {
            throw ZosException.forbidden("this hub client has no identity to sign with");
        }
        // the hub checks the path it receives, so sign the full path including any prefix of the base URL
        String fullPath = (base.getRawPath() == null ? "" : base.getRawPath()) + path;
        HttpRequest.Builder b = request(path);
        HubAuth.headers(key, twinId, method, fullPath, clock.instant().getEpochSecond(), bodySha256).forEach(b::header);
        return b;
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder b) {
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw ZosException.unavailable("hub " + base + " is unavailable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ZosException.unavailable("interrupted while talking to hub " + base, e);
        }
    }

    /** A refusal as a ZosException of the matching kind, carrying the hub's own message. */
    private ZosException failure(HttpResponse<byte[]> r, String what) {
        String message = "HTTP " + r.statusCode();
        try {
            JsonNode node = JSON.readTree(r.body());
            if (node != null && node.hasNonNull("error")) {
                message = node.get("error").asText();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: keep the status line
        }
        String text = "hub " + base + " refused " + what + ": " + message;
        return switch (r.statusCode()) {
            case 400, 413 -> ZosException.invalid(text);
            case 401, 403 -> ZosException.forbidden(text);
            case 404 -> ZosException.notFound(text);
            case 409, 422 -> new ZosException(ZosException.Kind.CONFLICT, text);
            default -> ZosException.unavailable(text, null);
        };
    }

    private static byte[] sha256(Path file) {
        MessageDigest md = HubAuth.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (java.nio.file.NoSuchFileException e) {
            throw ZosException.notFound("flist " + file + " does not exist");
        } catch (IOException e) {
            throw ZosException.unavailable("cannot read " + file + ": " + e.getMessage(), e);
        }
        return md.digest();
    }

    @Override
    public void close() {
        http.close();
    }

    /** Headers for a request signed outside this client (tests, other tools). */
    public Map<String, String> signatureHeaders(String method, String path, byte[] body) {
        if (key == null) {
            throw ZosException.forbidden("this hub client has no identity to sign with");
        }
        return HubAuth.headers(key, twinId, method, path, clock.instant().getEpochSecond(), HubAuth.sha256(body));
    }
}
