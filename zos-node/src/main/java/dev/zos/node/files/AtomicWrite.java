package dev.zos.node.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes the node's state files so a crash (power cut, SIGKILL) leaves the old content or the new, never a part:
 * a private temporary file in the same directory, flushed to disk, renamed over the target, then the directory
 * flushed so the rename itself survives.
 */
public final class AtomicWrite {
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");

    private AtomicWrite() {
    }

    /** Replaces {@code target} with {@code content}, mode 0600. */
    public static void replace(Path target, byte[] content) throws IOException {
        Path temp = temp(target, content);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(target.getParent());
    }

    /** Writes {@code content} only if {@code target} does not exist yet; false when it does (another writer won). */
    public static boolean createNew(Path target, byte[] content) throws IOException {
        Path temp = temp(target, content);
        try {
            Files.createLink(target, temp); // a link, unlike a rename, refuses to replace
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(target.getParent());
        return true;
    }

    /** Deletes {@code target} durably; nothing to do when it is gone already. */
    public static void delete(Path target) throws IOException {
        if (Files.deleteIfExists(target)) {
            syncDirectory(target.getParent());
        }
    }

    private static Path temp(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp",
                PosixFilePermissions.asFileAttribute(PRIVATE));
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            Files.setPosixFilePermissions(temp, PRIVATE); // the umask may have narrowed or widened it
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir.toAbsolutePath(), StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // best effort: the content itself is on disk
        }
    }
}
