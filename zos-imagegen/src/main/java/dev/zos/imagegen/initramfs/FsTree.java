package dev.zos.imagegen.initramfs;

import dev.zos.core.ZosException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The root file system of an image, built up in memory before it is written: absolute paths to nodes,
 * kept sorted so the archive comes out the same every time. Parent folders are added on the way.
 */
public final class FsTree {

    /** One entry of the tree. */
    public sealed interface Node permits Dir, File, Symlink, CharDevice {
        int mode();
    }

    public record Dir(int mode) implements Node {
    }

    /** A regular file: its bytes come from {@code source} on disk or from {@code data}. */
    public record File(int mode, Path source, byte[] data) implements Node {
        public byte[] bytes() {
            if (data != null) {
                return data;
            }
            try {
                return Files.readAllBytes(source);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + source, e);
            }
        }

        public long size() {
            try {
                return data != null ? data.length : Files.size(source);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + source, e);
            }
        }
    }

    public record Symlink(String target) implements Node {
        @Override
        public int mode() {
            return 0777;
        }
    }

    public record CharDevice(int mode, int major, int minor) implements Node {
    }

    private final TreeMap<String, Node> nodes = new TreeMap<>();

    public FsTree dir(String path) {
        String p = check(path);
        Node existing = nodes.get(p);
        if (existing != null && !(existing instanceof Dir)) {
            throw ZosException.invalid("image path " + p + " is both a folder and a file");
        }
        if (existing == null) {
            parents(p);
            nodes.put(p, new Dir(p.equals("/tmp") ? 01777 : 0755));
        }
        return this;
    }

    public FsTree file(String path, int mode, Path source) {
        return put(path, new File(mode, source, null));
    }

    public FsTree file(String path, int mode, byte[] data) {
        return put(path, new File(mode, null, data.clone()));
    }

    public FsTree symlink(String path, String target) {
        return put(path, new Symlink(target));
    }

    public FsTree charDevice(String path, int mode, int major, int minor) {
        return put(path, new CharDevice(mode, major, minor));
    }

    /** Adds every file under {@code dir} below {@code prefix}, keeping the executable bit. */
    public FsTree copyTree(Path dir, String prefix) {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted().toList()) {
                String rel = dir.relativize(p).toString();
                String target = rel.isEmpty() ? prefix : prefix + "/" + rel;
                if (Files.isSymbolicLink(p)) {
                    symlink(target, Files.readSymbolicLink(p).toString());
                } else if (Files.isDirectory(p)) {
                    dir(target);
                } else {
                    file(target, Files.isExecutable(p) ? 0755 : 0644, p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        return this;
    }

    /** Removes a file, link or device (not a folder); absent paths are fine. */
    public FsTree remove(String path) {
        String p = check(path);
        if (nodes.get(p) instanceof Dir) {
            throw ZosException.invalid("image path " + p + " is a folder; only files are removed");
        }
        nodes.remove(p);
        return this;
    }

    public SortedMap<String, Node> nodes() {
        return Collections.unmodifiableSortedMap(nodes);
    }

    public Node get(String path) {
        return nodes.get(path);
    }

    private FsTree put(String path, Node node) {
        String p = check(path);
        if (nodes.get(p) instanceof Dir) {
            throw ZosException.invalid("image path " + p + " is both a folder and a file");
        }
        parents(p);
        nodes.put(p, node);
        return this;
    }

    private void parents(String p) {
        int slash = p.lastIndexOf('/');
        if (slash > 0) {
            dir(p.substring(0, slash));
        }
    }

    private static String check(String path) {
        if (!path.startsWith("/") || path.length() < 2 || path.endsWith("/") || path.contains("//")
                || path.contains("/./") || path.contains("/../") || path.endsWith("/..") || path.endsWith("/.")) {
            throw ZosException.invalid("image path '" + path + "' must be absolute and normalised");
        }
        return path;
    }
}
