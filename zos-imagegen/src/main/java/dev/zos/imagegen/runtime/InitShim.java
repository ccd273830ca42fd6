package dev.zos.imagegen.runtime;

import dev.zos.core.ZosException;
import dev.zos.imagegen.os.Exec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The image's {@code /init}: zos-node's {@code init.c} (bundled as a resource), compiled static with
 * {@code gcc -static -Os -s} and cached by the source's hash.
 */
public final class InitShim {
    static final String RESOURCE = "/dev/zos/imagegen/runtime/init.c";

    private InitShim() {
    }

    public static byte[] source() {
        try (InputStream in = InitShim.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ZosException(ZosException.Kind.INTERNAL, "init.c is not bundled in zos-imagegen (" + RESOURCE + ")");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The compiled static binary, from the cache or built now. */
    public static Path build(Path cacheRoot) {
        byte[] src = source();
        Path gcc = Exec.require("gcc", "gcc libc6-dev");
        Hashing key = new Hashing().add(new String(src, java.nio.charset.StandardCharsets.UTF_8)).add(Exec.check(List.of(gcc.toString(), "--version")));
        Path dir = cacheRoot.resolve("init").resolve(key.hex());
        Path bin = dir.resolve("init");
        if (Files.isExecutable(bin)) {
            return bin;
        }
        try {
            Files.createDirectories(dir);
            Path c = dir.resolve("init.c");
            Files.write(c, src);
            Path tmp = dir.resolve("init.tmp");
            Exec.check(dir, List.of(gcc.toString(), "-static", "-Os", "-s", "-Wall", "-o", tmp.toString(), c.toString()));
            Files.move(tmp, bin, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return bin;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build /init under " + dir, e);
        }
    }
}
