package dev.zos.core.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes small private files so that readers see the old content or the new, never a part, and a crash
 * (power cut, SIGKILL) loses nothing written before: a temporary file in the same directory (created, with
 * its parents, if missing), made 0600 before any byte is written, flushed to disk, then renamed (or
 * hard-linked, for create-only) over the target, and the directory flushed. Identities, node seeds and
 * state, deployment records use it.
 */
public final class AtomicFile {
    public static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");

    /** Writes the content; separate from byte arrays so tests can fail half-way through. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    public static void replace(Path target, byte[] content) throws IOException {
        replace(target, out -> out.write(content));
    }

    public static void replace(Path target, Content content) throws IOException {
        Path temp = writeTemp(target, content);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Writes the content only if {@code target} does not exist yet; a hard link is atomic and, unlike
     * a rename, refuses to replace, so two processes creating the same name cannot both win.
     *
     * @return false if the target already exists
     */
    public static boolean createNew(Path target, byte[] content) throws IOException {
        Path temp = writeTemp(target, out -> out.write(content));
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // Some filesystems (FAT, some network mounts) refuse hard links: check, then rename.
            if (Files.exists(target)) {
                return false;
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(target.toAbsolutePath().getParent());
        return true;
    }

    public static void delete(Path target) throws IOException {
        Files.deleteIfExists(target);
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /** Creates {@code dir} (and missing parents) as 0700, and makes an existing {@code dir} 0700. */
    public static void privateDirectory(Path dir) throws IOException {
        if (isPosix(dir.getParent() == null ? dir : dir.getParent())) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
            Files.setPosixFilePermissions(dir, PRIVATE_DIR);
        } else {
            Files.createDirectories(dir);
        }
    }

    private static Path writeTemp(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
        String prefix = "." + target.getFileName() + ".";
        boolean posix = isPosix(dir);
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PRIVATE_FILE)}
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(dir, prefix, ".tmp", attributes);
        try {
            if (posix) {
                // The creation mode is filtered by the umask; set it again before the secret goes in.
                Files.setPosixFilePermissions(temp, PRIVATE_FILE);
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            return temp;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private static void syncDirectory(Path dir) {
        // Makes the rename itself durable; platforms that cannot open a directory have no such step.
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Best effort: the file content is already on disk.
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
