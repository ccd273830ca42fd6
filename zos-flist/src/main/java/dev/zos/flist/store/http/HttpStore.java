package dev.zos.flist.store.http;

import dev.zos.core.ZosException;
import dev.zos.flist.store.BlockStore;
import dev.zos.flist.store.StoreFactory;
import dev.zos.flist.store.StoreUrls;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * {@code http(s)://base}: read-only; block {@code id} is {@code GET base/<hex[0:2]>/<hex>}, and on 404
 * {@code GET base/<hex>}. User info in the URL becomes HTTP basic authentication.
 */
public final class HttpStore implements BlockStore {

    public static final StoreFactory FACTORY = new StoreFactory() {
        @Override
        public Set<String> schemes() {
            return Set.of("http", "https");
        }

        @Override
        public BlockStore open(String url) {
            return new HttpStore(url);
        }
    };

    private static final HexFormat HEX = HexFormat.of();

    private final String fullUrl;
    private final String url;
    private final URI base;
    private final String authorization;
    private final HttpClient client;
    private final Duration timeout;

    public HttpStore(String url) {
        this(url, Duration.ofSeconds(30));
    }

    public HttpStore(String url, Duration timeout) {
        this.fullUrl = url;
        this.url = StoreUrls.stripPassword(url);
        this.timeout = timeout;
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ZosException.invalid("bad http store URL " + this.url + ": " + e.getMessage());
        }
        if (u.getHost() == null) {
            throw ZosException.invalid("bad http store URL " + this.url + ": no host");
        }
        String ui = u.getRawUserInfo();
        this.authorization = ui == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                URLDecoder.decode(ui, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        this.base = URI.create(u.getScheme() + "://" + u.getRawAuthority().substring(ui == null ? 0 : ui.length() + 1)
                + path);
        this.client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    private HttpRequest.Builder request(String suffix) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/" + suffix)).timeout(timeout);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private HttpResponse<byte[]> send(HttpRequest req) {
        try {
            return client.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw ZosException.unavailable("store " + url + " is unavailable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ZosException.unavailable("interrupted while reading from store " + url, e);
        }
    }

    @Override
    public byte[] get(byte[] id) {
        String hex = HEX.formatHex(id);
        for (String suffix : new String[] {hex.substring(0, 2) + "/" + hex, hex}) {
            HttpResponse<byte[]> r = send(request(suffix).GET().build());
            if (r.statusCode() == 200) {
                return r.body();
            }
            if (r.statusCode() != 404) {
                throw ZosException.unavailable("store " + url + " answered HTTP " + r.statusCode()
                        + " for block " + hex, null);
            }
        }
        throw ZosException.notFound("block " + hex + " not found in store " + url);
    }

    @Override
    public void set(byte[] id, byte[] data, int off, int len) {
        throw ZosException.forbidden("store " + url + " is read-only (http stores serve blocks, they do not take uploads)");
    }

    @Override
    public boolean exists(byte[] id) {
        String hex = HEX.formatHex(id);
        for (String suffix : new String[] {hex.substring(0, 2) + "/" + hex, hex}) {
            HttpResponse<byte[]> r = send(request(suffix).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
            if (r.statusCode() == 200) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public String fullUrl() {
        return fullUrl;
    }

    @Override
    public void close() {
        client.close();
    }
}
