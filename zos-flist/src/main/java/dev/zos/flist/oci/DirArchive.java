package dev.zos.flist.oci;

import dev.zos.core.ZosException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** An image laid out in a directory (an OCI image layout, or an unpacked {@code docker save}). */
final class DirArchive implements ImageArchive {

    private final Path root;
    private final Path realRoot;

    DirArchive(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            this.realRoot = this.root.toRealPath();
        } catch (IOException e) {
            throw ZosException.unavailable("cannot read image directory " + root + ": " + e.getMessage(), e);
        }
    }

    private Path resolve(String path) {
        Path p = root.resolve(ImageArchive.relative(path, name())).normalize();
        if (!p.startsWith(root)) {
            throw ZosException.invalid(name() + ": '" + path + "' leaves the image directory");
        }
        return p;
    }

    /** The file, after checking that symlinks do not lead out of the image directory. */
    private Path real(String path) throws IOException {
        Path p = resolve(path);
        Path r;
        try {
            r = p.toRealPath();
        } catch (NoSuchFileException e) {
            throw ZosException.notFound(name() + " has no " + path);
        }
        if (!r.startsWith(realRoot)) {
            throw ZosException.invalid(name() + ": " + path + " is a symlink that leaves the image directory");
        }
        if (!Files.isRegularFile(r)) {
            throw ZosException.invalid(name() + ": " + path + " is not a regular file");
        }
        return r;
    }

    @Override
    public boolean exists(String path) {
        return Files.isRegularFile(resolve(path));
    }

    @Override
    public long size(String path) {
        try {
            return Files.size(real(path));
        } catch (IOException e) {
            throw ZosException.unavailable("cannot read " + path + " in " + name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String path) throws IOException {
        return Files.newInputStream(real(path));
    }

    @Override
    public String name() {
        return "image directory " + root;
    }

    @Override
    public void close() {
    }
}
