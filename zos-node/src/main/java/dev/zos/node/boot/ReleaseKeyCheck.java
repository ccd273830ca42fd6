package dev.zos.node.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Whether this image was built by the grid it boots for. The manifest check proves the image is whole, against the
 * key the image itself carries; only the grid can say which key is its own. A grid with a boot server publishes the
 * public half of its release key at {@code GET /boot}; an image signed by another key is refused. A grid that
 * publishes none (or cannot be asked) leaves the image's origin unproven, which the console says.
 */
public final class ReleaseKeyCheck {
    /** The image's signer, as the manifest check verified it. */
    public static final Path IMAGE_KEY = Path.of("/", ManifestCheck.KEY);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The verdict; {@code line} is what the console shows. */
    public record Verdict(boolean refuse, String line) {
    }

    private ReleaseKeyCheck() {
    }

    public static Verdict check(String imageKeyHex, URI grid, Duration timeout) {
        String mine = imageKeyHex.strip().toLowerCase(Locale.ROOT);
        JsonNode info;
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(grid.resolve("/boot")).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return new Verdict(false, "release key: the grid answered " + r.statusCode() + " at /boot; image signed by "
                        + mine + " (origin not checked)");
            }
            info = JSON.readTree(r.body());
        } catch (IOException e) {
            return new Verdict(false, "release key: cannot ask the grid (" + e.getMessage() + "); image signed by " + mine
                    + " (origin not checked)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verdict(false, "release key: interrupted; origin not checked");
        }
        String published = info.path("releaseKey").asText("").strip().toLowerCase(Locale.ROOT);
        if (published.isEmpty()) {
            return new Verdict(false, "release key: the grid publishes none; image signed by " + mine + " (origin not checked)");
        }
        if (!published.equals(mine)) {
            return new Verdict(true, "release key: this image is signed by " + mine + ", but the grid at " + grid
                    + " signs its images with " + published + "; refusing to run an image the grid did not build");
        }
        return new Verdict(false, "release key: image signed by the grid's key " + mine);
    }

    /** {@link #check} with the key the image carries at {@link #IMAGE_KEY}. */
    public static Verdict checkImage(URI grid, Duration timeout) throws IOException {
        return check(Files.readString(IMAGE_KEY), grid, timeout);
    }
}
