package dev.zos.imagegen;

import dev.zos.imagegen.kernel.DebianKernels;
import dev.zos.imagegen.kernel.Kernel;
import java.nio.file.Path;

/** The real Debian kernel for tests, through the same fetch code; the user's cache makes reruns fast. */
public final class TestKernels {
    private static Kernel kernel;

    private TestKernels() {
    }

    public static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache")).resolve("zos");
    }

    public static synchronized Kernel kernel() {
        if (kernel == null) {
            kernel = new DebianKernels(cacheRoot().resolve("kernels")).fetch(null);
        }
        return kernel;
    }
}
