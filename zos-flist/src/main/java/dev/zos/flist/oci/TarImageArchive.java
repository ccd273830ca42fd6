package dev.zos.flist.oci;

import dev.zos.core.ZosException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * An image in an uncompressed tar ({@code docker save}, or a tar of an OCI image layout). The tar's headers are
 * indexed once; files are then read in place with random access. Symlinks and hard links between the tar's own
 * files (older {@code docker save} links identical layers) are followed inside the tar only.
 */
final class TarImageArchive implements ImageArchive {

    private static final int MAX_LINKS = 16;

    private final Path path;
    private final TarFile tar;
    private final Map<String, TarArchiveEntry> entries = new HashMap<>();

    private TarImageArchive(Path path, TarFile tar) {
        this.path = path;
        this.tar = tar;
        for (TarArchiveEntry e : tar.getEntries()) {
            String n = e.getName();
            while (n.startsWith("./")) {
                n = n.substring(2);
            }
            while (n.startsWith("/")) {
                n = n.substring(1);
            }
            if (n.endsWith("/")) {
                n = n.substring(0, n.length() - 1);
            }
            if (!n.isEmpty()) {
                entries.put(n, e);
            }
        }
    }

    static TarImageArchive open(Path path) {
        byte[] magic;
        try (InputStream in = Files.newInputStream(path)) {
            magic = in.readNBytes(4);
        } catch (IOException e) {
            throw ZosException.unavailable("cannot read image " + path + ": " + e.getMessage(), e);
        }
        if (LayerFormat.sniff(magic) != LayerFormat.TAR) {
            throw ZosException.invalid("image " + path + " is " + LayerFormat.sniff(magic).label()
                    + "-compressed: decompress it first (the converter reads the tar in place, without extracting it)");
        }
        try {
            return new TarImageArchive(path, new TarFile(path));
        } catch (IOException | RuntimeException e) {
            throw ZosException.invalid("image " + path + " is not a readable tar (" + e.getMessage()
                    + "): expected a docker save tarball or a tar of an OCI image layout");
        }
    }

    private TarArchiveEntry entry(String name) {
        String n = ImageArchive.relative(name, name());
        for (int hops = 0; hops <= MAX_LINKS; hops++) {
            TarArchiveEntry e = entries.get(n);
            if (e == null) {
                throw ZosException.notFound(name() + " has no " + name);
            }
            if (e.isFile() && !e.isLink()) {
                return e;
            }
            if (e.isSymbolicLink()) {
                int slash = n.lastIndexOf('/');
                String base = slash < 0 ? "" : n.substring(0, slash + 1);
                n = normalize(base + e.getLinkName(), name);
            } else if (e.isLink()) {
                n = ImageArchive.relative(e.getLinkName(), name() + ": hard link " + name);
            } else {
                throw ZosException.invalid(name() + ": " + name + " is not a regular file");
            }
        }
        throw ZosException.invalid(name() + ": " + name + " is a chain of more than " + MAX_LINKS + " links");
    }

    private String normalize(String p, String name) {
        if (p.startsWith("/")) {
            throw ZosException.invalid(name() + ": " + name + " is a symlink to an absolute path");
        }
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String part : p.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw ZosException.invalid(name() + ": " + name + " is a symlink that leaves the archive");
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    @Override
    public boolean exists(String name) {
        try {
            entry(name);
            return true;
        } catch (ZosException e) {
            if (e.kind() == ZosException.Kind.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public long size(String name) {
        return entry(name).getSize();
    }

    @Override
    public InputStream open(String name) throws IOException {
        return tar.getInputStream(entry(name));
    }

    @Override
    public String name() {
        return "image " + path;
    }

    @Override
    public void close() {
        try {
            tar.close();
        } catch (IOException ignored) {
            // read-only
        }
    }
}
