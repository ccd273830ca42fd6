package dev.zos.imagegen.format;

import dev.zos.imagegen.build.BootArtifacts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** One kind of boot media. Implementations are registered by name in {@link FormatRegistry}. */
public interface ImageFormat {
    String name();

    String description();

    /** Fails with the Debian package to install when a host tool is missing; runs before any build work. */
    default void preflight() {
    }

    /** Writes the media into {@code outDir} and returns the files written. */
    List<Path> write(BootArtifacts artifacts, Path outDir) throws IOException;
}
