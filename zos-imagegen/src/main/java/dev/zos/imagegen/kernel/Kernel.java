package dev.zos.imagegen.kernel;

import java.nio.file.Path;

/**
 * One unpacked Debian kernel in the cache: its release ({@code 6.1.0-50-amd64}), Debian package version,
 * the package's SHA-256, the compressed kernel and the modules folder. {@code source} says where it came from.
 */
public record Kernel(String release, String packageVersion, String sha256, Path vmlinuz, Path modulesDir,
                     int moduleCount, String source) {
    public static final String DOWNLOADED = "downloaded";
    public static final String CACHE = "cache";
    public static final String OFFLINE_CACHE = "cache (offline: apt could not be reached)";
}
