package dev.zos.node.workload.zmachine;

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
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Downloads flists from a hub into a cache keyed by MD5 ({@code <cache>/<md5>.fl}), as zos nodes do: when the hub
 * serves {@code <url>.md5}, a cached file with that MD5 is used without downloading, and a download whose MD5
 * differs is refused; without {@code .md5} the file is downloaded and cached under the MD5 computed while streaming.
 */
public final class FlistFetcher {

    private static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    /** An flist is a metadata database; anything this big is not one. */
    private static final long MAX_FLIST_BYTES = 2L << 30;

    private final HttpClient http;

    public FlistFetcher(HttpClient http) {
        this.http = http;
    }

    public FlistFetcher() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL).build());
    }

    /** A cached flist and its MD5 (lowercase hex). */
    public record CachedFlist(Path file, String md5) {
    }

    public CachedFlist fetch(URI url, Path cache) {
        String expected = expectedMd5(url);
        if (expected != null && Files.isRegularFile(cache.resolve(expected + ".fl"))) {
            return new CachedFlist(cache.resolve(expected + ".fl"), expected);
        }
        try {
            Files.createDirectories(cache);
            Path tmp = Files.createTempFile(cache, "download-", ".part");
            try {
                String actual = download(url, tmp);
                if (expected != null && !expected.equals(actual)) {
                    throw ZosException.invalid("flist " + url + ": md5 mismatch: the hub says " + expected
                            + " but the downloaded file has " + actual + " (corrupt download or tampered hub)");
                }
                Path target = cache.resolve(actual + ".fl");
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return new CachedFlist(target, actual);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw ZosException.unavailable("flist " + url + ": cannot store it in " + cache + ": " + e.getMessage(), e);
        }
    }

    /** The hub's MD5 for {@code url}, or null when it serves none (404). */
    private String expectedMd5(URI url) {
        URI md5Url = URI.create(url + ".md5");
        HttpResponse<String> r = send(HttpRequest.newBuilder(md5Url).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), md5Url);
        if (r.statusCode() == 404) {
            return null;
        }
        if (r.statusCode() != 200) {
            throw ZosException.unavailable("flist " + md5Url + ": the hub answered HTTP " + r.statusCode(), null);
        }
        String body = r.body().strip();
        String first = body.isEmpty() ? "" : body.split("\\s+")[0].toLowerCase();
        if (!MD5.matcher(first).matches()) {
            throw ZosException.invalid("flist " + md5Url + ": not an MD5 (expected 32 hex digits, got '"
                    + (first.length() > 40 ? first.substring(0, 40) + "…" : first) + "')");
        }
        return first;
    }

    private String download(URI url, Path into) throws IOException {
        HttpResponse<InputStream> r = send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream(), url);
        try (InputStream body = r.body()) {
            if (r.statusCode() == 404) {
                throw ZosException.notFound("flist " + url + " does not exist on the hub (HTTP 404)");
            }
            if (r.statusCode() != 200) {
                throw ZosException.unavailable("flist " + url + ": the hub answered HTTP " + r.statusCode(), null);
            }
            MessageDigest md5 = md5();
            try (InputStream in = new DigestInputStream(body, md5); OutputStream out = Files.newOutputStream(into)) {
                byte[] buf = new byte[64 * 1024];
                long total = 0;
                for (int n; (n = in.read(buf)) > 0; ) {
                    total += n;
                    if (total > MAX_FLIST_BYTES) {
                        throw ZosException.invalid("flist " + url + " is larger than " + MAX_FLIST_BYTES + " bytes");
                    }
                    out.write(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md5.digest());
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, URI url) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw ZosException.unavailable("flist " + url + ": cannot reach the hub: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ZosException.unavailable("flist " + url + ": interrupted", e);
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
