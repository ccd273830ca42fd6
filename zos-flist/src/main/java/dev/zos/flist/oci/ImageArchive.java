package dev.zos.flist.oci;

import dev.zos.core.ZosException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of an image as {@code docker save} or an OCI image layout holds them: a directory or an uncompressed
 * tar, read in place (a tar is read with random access, nothing is extracted).
 */
interface ImageArchive extends AutoCloseable {

    /** Whether the archive holds a regular file at {@code path} (relative, {@code /}-separated). */
    boolean exists(String path);

    /** The size of the file at {@code path}. */
    long size(String path);

    /** Opens the file at {@code path}; fails NOT_FOUND naming the archive when it is missing. */
    InputStream open(String path) throws IOException;

    /** What to call the archive in messages. */
    String name();

    @Override
    void close();

    /** Reads a small file (JSON documents) whole, refusing anything larger than {@code max} bytes. */
    default byte[] readSmall(String path, int max) throws IOException {
        if (size(path) > max) {
            throw ZosException.invalid(name() + ": " + path + " is " + size(path) + " bytes, more than the "
                    + max + " a metadata document may have");
        }
        try (InputStream in = open(path)) {
            return in.readNBytes(max + 1);
        }
    }

    /** Opens a directory or a tar file. */
    static ImageArchive open(Path path) {
        if (Files.isDirectory(path)) {
            return new DirArchive(path);
        }
        if (Files.isRegularFile(path)) {
            return TarImageArchive.open(path);
        }
        throw ZosException.notFound("image " + path + " does not exist (expected a docker save tarball, an OCI"
                + " image layout directory or a tar of one)");
    }

    /** Checks an archive-relative path: no {@code ..}, not absolute; returns it without {@code ./} prefixes. */
    static String relative(String path, String what) {
        String p = path;
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        if (p.isEmpty() || p.startsWith("/") || p.indexOf('\0') >= 0) {
            throw ZosException.invalid(what + " names '" + path + "': expected a relative path inside the image");
        }
        for (String part : p.split("/")) {
            if (part.equals("..")) {
                throw ZosException.invalid(what + " names '" + path + "', which leaves the image: refusing it");
            }
        }
        return p;
    }
}
