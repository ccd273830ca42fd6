package dev.zos.flist.oci;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Options of {@link ImageConverter#convert}.
 *
 * @param ref           which image of a multi-image archive ({@code alpine:3.19}); null when there is one
 * @param platform      which platform of a multi-platform image; null means "the only one, else linux/amd64"
 * @param tags          extra flist tags; they override the tags taken from the image
 * @param keepPasswords write route URLs with their passwords (default: stripped)
 * @param workers       threads hashing, encrypting and uploading blocks
 * @param startupFile   write {@code /.startup.toml} as rfs does (default true)
 * @param progress      told when each layer's pass starts; may be null
 */
public record ConvertOptions(String ref, Platform platform, Map<String, String> tags, boolean keepPasswords,
                             int workers, boolean startupFile, Consumer<ConvertProgress> progress) {

    public ConvertOptions {
        tags = Map.copyOf(tags);
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        for (String k : tags.keySet()) {
            if (k.isEmpty() || k.length() > 255) {
                throw new IllegalArgumentException("tag keys must be 1-255 characters, got '" + k + "'");
            }
        }
    }

    public static ConvertOptions defaults() {
        return new ConvertOptions(null, null, Map.of(), false, Math.max(2, Runtime.getRuntime().availableProcessors()),
                true, null);
    }

    public ConvertOptions withRef(String r) {
        return new ConvertOptions(r, platform, tags, keepPasswords, workers, startupFile, progress);
    }

    public ConvertOptions withPlatform(Platform p) {
        return new ConvertOptions(ref, p, tags, keepPasswords, workers, startupFile, progress);
    }

    public ConvertOptions withTag(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(tags);
        m.put(key, value);
        return new ConvertOptions(ref, platform, m, keepPasswords, workers, startupFile, progress);
    }

    public ConvertOptions withKeepPasswords(boolean keep) {
        return new ConvertOptions(ref, platform, tags, keep, workers, startupFile, progress);
    }

    public ConvertOptions withWorkers(int n) {
        return new ConvertOptions(ref, platform, tags, keepPasswords, n, startupFile, progress);
    }

    public ConvertOptions withProgress(Consumer<ConvertProgress> listener) {
        return new ConvertOptions(ref, platform, tags, keepPasswords, workers, startupFile, listener);
    }

    public ConvertOptions withStartupFile(boolean write) {
        return new ConvertOptions(ref, platform, tags, keepPasswords, workers, write, progress);
    }
}
