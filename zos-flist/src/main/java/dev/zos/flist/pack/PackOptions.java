package dev.zos.flist.pack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Options of {@link Packer#pack}. Build with {@link #builder()}.
 *
 * @param tags          tags to write ({@code version}, {@code description}, {@code author}, any other)
 * @param keepPasswords write route URLs with their passwords (default: stripped)
 * @param workers       block worker threads (default: available processors)
 * @param queueDepth    work units queued ahead of the workers (bounds memory together with {@code workers})
 * @param progress      receives snapshots every {@code progressInterval} and once at the end; may be null
 * @param changeIndex   optional file remembering (path, device, inode, size, mtime, ctime) → blocks, so an
 *                      unchanged file is not read again on the next pack; null to disable
 */
public record PackOptions(Map<String, String> tags, boolean keepPasswords, int workers, int queueDepth,
                          Consumer<PackProgress> progress, Duration progressInterval, Path changeIndex) {

    public PackOptions {
        tags = Map.copyOf(tags);
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        if (queueDepth < 1) {
            throw new IllegalArgumentException("queueDepth must be at least 1, got " + queueDepth);
        }
        for (String k : tags.keySet()) {
            if (k.isEmpty() || k.length() > 255) {
                throw new IllegalArgumentException("tag keys must be 1-255 characters, got '" + k + "'");
            }
        }
    }

    public static PackOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.tags.putAll(tags);
        b.keepPasswords = keepPasswords;
        b.workers = workers;
        b.queueDepth = queueDepth;
        b.progress = progress;
        b.progressInterval = progressInterval;
        b.changeIndex = changeIndex;
        return b;
    }

    public static final class Builder {
        private final Map<String, String> tags = new LinkedHashMap<>();
        private boolean keepPasswords;
        private int workers = Runtime.getRuntime().availableProcessors();
        private int queueDepth = 0;
        private Consumer<PackProgress> progress;
        private Duration progressInterval = Duration.ofMillis(200);
        private Path changeIndex;

        private Builder() {
        }

        public Builder tag(String key, String value) {
            tags.put(key, value);
            return this;
        }

        /** Parses {@code key=value}. */
        public Builder tag(String keyEqualsValue) {
            int i = keyEqualsValue.indexOf('=');
            if (i <= 0) {
                throw new IllegalArgumentException("tag must be key=value, got '" + keyEqualsValue + "'");
            }
            return tag(keyEqualsValue.substring(0, i), keyEqualsValue.substring(i + 1));
        }

        public Builder keepPasswords(boolean keep) {
            this.keepPasswords = keep;
            return this;
        }

        public Builder workers(int n) {
            this.workers = n;
            return this;
        }

        public Builder queueDepth(int n) {
            this.queueDepth = n;
            return this;
        }

        public Builder progress(Consumer<PackProgress> listener) {
            this.progress = listener;
            return this;
        }

        public Builder progressInterval(Duration interval) {
            this.progressInterval = interval;
            return this;
        }

        public Builder changeIndex(Path path) {
            this.changeIndex = path;
            return this;
        }

        public PackOptions build() {
            return new PackOptions(tags, keepPasswords, workers, queueDepth == 0 ? 2 * workers : queueDepth,
                    progress, progressInterval, changeIndex);
        }
    }
}
