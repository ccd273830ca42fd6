package dev.zos.core.registry.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zos.core.ZosException;
import dev.zos.core.registry.tx.SignedTransaction;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The grid's explorer API over HTTP: reads (twins, farms, nodes, contracts, stats) and {@code POST /tx}.
 * <pre>{@code
 * var grid = GridClient.of("http://127.0.0.1:8080");
 * Receipt r = grid.submit(TransactionBuilder.forTwin(key, twinId).farmCreate("my_farm", 1, List.of()));
 * List<GridNode> up = grid.nodes(NodeQuery.builder().statuses(List.of("up")).build()).items();
 * }</pre>
 * Every failure is one {@link ZosException} line: the grid's own message with a kind from its HTTP status
 * (400/413 INVALID, 403 FORBIDDEN, 404 NOT_FOUND, 409 CONFLICT, 5xx UNAVAILABLE), or UNAVAILABLE
 * "cannot reach the grid at URL" when there is no answer. Thread-safe.
 */
public final class GridClient {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    private GridClient(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public static GridClient of(String url) {
        return of(url, DEFAULT_TIMEOUT);
    }

    public static GridClient of(String url, Duration timeout) {
        return new GridClient(parseUrl(url), timeout);
    }

    /**
     * The grid's base URL: {@code http} or {@code https} with a host, no query; a trailing slash is dropped.
     * INVALID otherwise, naming the text.
     */
    public static URI parseUrl(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        } catch (URISyntaxException e) {
            throw ZosException.invalid("invalid grid URL '" + url + "': " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw ZosException.invalid("invalid grid URL '" + url + "': expected http://HOST[:PORT] or https://HOST[:PORT]");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw ZosException.invalid("invalid grid URL '" + url + "': it must not carry a query or fragment");
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    public URI url() {
        return base;
    }

    /** The relay's websocket URL on this grid: the same host and port, {@code ws} or {@code wss}, path {@code /}. */
    public String relayUrl() {
        String scheme = base.getScheme().equalsIgnoreCase("https") ? "wss" : "ws";
        return scheme + "://" + base.getRawAuthority() + "/";
    }

    /** Sends a signed transaction; the receipt once the grid has written it to its log. */
    public Receipt submit(SignedTransaction tx) {
        var request = request("/tx")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(tx.toWire()))
                .build();
        String what = tx.tx().type().wire();
        return read(send(request, "the grid refused " + what + ": "), Receipt.class);
    }

    public GridTwin twin(long id) {
        return get("/twins/" + id, GridTwin.class);
    }

    /** The twin registered with this ed25519 public key (hex), if any. */
    public Optional<GridTwin> twinByPublicKey(String publicKeyHex) {
        List<GridTwin> twins = readList(send(request("/twins" + QueryParams.encode(
                Map.of("public_key", publicKeyHex.toLowerCase(Locale.ROOT)))).GET().build(), ""), new TypeReference<>() { });
        return twins.stream().findFirst();
    }

    public GridFarm farm(long id) {
        return get("/farms/" + id, GridFarm.class);
    }

    public Page<GridFarm> farms(FarmQuery query) {
        return page("/farms", query.params(), new TypeReference<>() { });
    }

    public GridNode node(long id) {
        return get("/nodes/" + id, GridNode.class);
    }

    public Page<GridNode> nodes(NodeQuery query) {
        return page("/nodes", query.params(), new TypeReference<>() { });
    }

    public Page<GridContract> contracts(ContractQuery query) {
        return page("/contracts", query.params(), new TypeReference<>() { });
    }

    public GridStats stats() {
        return get("/stats", GridStats.class);
    }

    private <T> T get(String path, Class<T> type) {
        return read(send(request(path).GET().build(), ""), type);
    }

    private <T> Page<T> page(String path, Map<String, String> params, TypeReference<List<T>> type) {
        var response = send(request(path + QueryParams.encode(params)).GET().build(), "");
        List<T> items = readList(response, type);
        long total = response.headers().firstValue("Count").map(GridClient::parseCount).orElse((long) items.size());
        return new Page<>(items, total);
    }

    private static long parseCount(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(timeout).header("Accept", "application/json");
    }

    private HttpResponse<byte[]> send(HttpRequest request, String refusalPrefix) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw ZosException.unavailable("cannot reach the grid at " + base + " (" + reason(e)
                    + "); check the URL and that the grid is running", e);
        } catch (HttpTimeoutException e) {
            throw ZosException.unavailable("the grid at " + base + " did not answer within "
                    + timeout.toSeconds() + " s; try again later", e);
        } catch (IOException e) {
            throw ZosException.unavailable("cannot reach the grid at " + base + " (" + reason(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ZosException.unavailable("interrupted while talking to the grid at " + base, e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw new ZosException(kind(status), refusalPrefix + errorMessage(response));
        }
        return response;
    }

    private static String reason(Exception e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().replaceAll("\\s+", " ");
    }

    static ZosException.Kind kind(int status) {
        return switch (status) {
            case 400, 405, 413, 414, 422 -> ZosException.Kind.INVALID;
            case 401, 403 -> ZosException.Kind.FORBIDDEN;
            case 404 -> ZosException.Kind.NOT_FOUND;
            case 409 -> ZosException.Kind.CONFLICT;
            default -> status >= 500 ? ZosException.Kind.UNAVAILABLE : ZosException.Kind.INTERNAL;
        };
    }

    private String errorMessage(HttpResponse<byte[]> response) {
        String fallback = "HTTP " + response.statusCode() + " from " + response.request().uri().getPath();
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body != null && body.path("error").isTextual() && !body.path("error").asText().isBlank()) {
                return body.path("error").asText().replaceAll("\\s+", " ").strip();
            }
        } catch (IOException e) {
            // not our JSON (a proxy's HTML page, say): the status says enough
        }
        return fallback + (response.statusCode() == 404 ? "; is " + base + " a Zero-OS grid?" : "");
    }

    private <T> T read(HttpResponse<byte[]> response, Class<T> type) {
        try {
            return JSON.readValue(response.body(), type);
        } catch (IOException e) {
            throw badAnswer(response, e);
        }
    }

    private <T> List<T> readList(HttpResponse<byte[]> response, TypeReference<List<T>> type) {
        try {
            return JSON.readValue(response.body(), type);
        } catch (IOException e) {
            throw badAnswer(response, e);
        }
    }

    private ZosException badAnswer(HttpResponse<byte[]> response, IOException e) {
        return new ZosException(ZosException.Kind.UNAVAILABLE, "the grid at " + base + " sent an answer to "
                + response.request().uri().getPath() + " that is not what the explorer sends; is it a Zero-OS grid?", e);
    }
}
