package dev.zos.imagegen.kernel;

import com.github.luben.zstd.ZstdInputStream;
import dev.zos.core.ZosException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.tukaani.xz.XZInputStream;

/**
 * The modules of one kernel found under {@code lib/modules/<version>}, by normalised name
 * ({@code -} and {@code _} are the same to the kernel). Handles {@code .ko}, {@code .ko.xz} and {@code .ko.zst}.
 */
public final class ModuleIndex {
    private final Path root;
    private final Map<String, Path> byName;

    private ModuleIndex(Path root, Map<String, Path> byName) {
        this.root = root;
        this.byName = byName;
    }

    public static ModuleIndex scan(Path modulesDir) {
        Map<String, Path> byName = new TreeMap<>();
        try (Stream<Path> files = Files.walk(modulesDir)) {
            files.filter(Files::isRegularFile).forEach(p -> {
                String n = moduleName(p.getFileName().toString());
                if (n != null) {
                    byName.putIfAbsent(n, p);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list kernel modules under " + modulesDir, e);
        }
        return new ModuleIndex(modulesDir, byName);
    }

    /** The normalised module name of a file name, or null when it is not a module. */
    static String moduleName(String fileName) {
        for (String ext : new String[] {".ko", ".ko.xz", ".ko.zst"}) {
            if (fileName.endsWith(ext)) {
                return normalize(fileName.substring(0, fileName.length() - ext.length()));
            }
        }
        return null;
    }

    public static String normalize(String name) {
        return name.replace('-', '_');
    }

    public int size() {
        return byName.size();
    }

    public Path root() {
        return root;
    }

    public boolean contains(String name) {
        return byName.containsKey(normalize(name));
    }

    public Path path(String name) {
        Path p = byName.get(normalize(name));
        if (p == null) {
            throw ZosException.notFound("kernel module " + name + " is not in " + root + " (built in, or misspelled?)");
        }
        return p;
    }

    /** The module's uncompressed ELF bytes. */
    public byte[] elf(String name) {
        Path p = path(name);
        try (InputStream in = open(p)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kernel module " + p, e);
        }
    }

    public ModInfo modInfo(String name) {
        return ModInfo.parse(elf(name), path(name).getFileName().toString());
    }

    private static InputStream open(Path p) throws IOException {
        InputStream raw = Files.newInputStream(p);
        String f = p.getFileName().toString();
        if (f.endsWith(".xz")) {
            return new XZInputStream(raw);
        }
        if (f.endsWith(".zst")) {
            return new ZstdInputStream(raw);
        }
        return raw;
    }
}
