package dev.zos.node.workload.disk;

import dev.zos.core.ZosException;
import dev.zos.node.workload.host.ProcessRunner;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * A sparse file holding an ext4 filesystem: its length is the quota (writes beyond it fail with ENOSPC),
 * while the node's disk only pays for blocks actually written. Created atomically: formatted under a
 * temporary name and renamed, so a crash never leaves a half-formatted image under the real name.
 */
public final class DiskImage {

    private static final Duration MKFS_TIMEOUT = Duration.ofMinutes(5);

    private final ProcessRunner runner;

    public DiskImage(ProcessRunner runner) {
        this.runner = runner;
    }

    /**
     * Creates {@code image} of {@code size} bytes formatted ext4 unless it exists (then it is adopted as is).
     * {@code -m 0}: no blocks reserved for root, the owner gets the whole size; discard on a file punches holes,
     * which lets mke2fs mark the inode tables zeroed, so no lazy-init thread writes the file full after mount.
     */
    public void create(Path image, long size, String label) {
        if (size <= 0) {
            throw ZosException.invalid("disk size must be greater than 0, got " + size);
        }
        if (Files.isRegularFile(image)) {
            return;
        }
        Path tmp = image.resolveSibling(image.getFileName() + ".tmp");
        try {
            Files.createDirectories(image.getParent());
            Files.deleteIfExists(tmp);
            try (RandomAccessFile f = new RandomAccessFile(tmp.toFile(), "rw")) {
                f.setLength(size);
            }
            runner.check("cannot format disk " + image.getFileName(), List.of("mkfs.ext4", "-F", "-q", "-m", "0",
                    "-L", label.length() > 16 ? label.substring(0, 16) : label,
                    "-E", "discard,lazy_itable_init=0,lazy_journal_init=0", tmp.toString()), MKFS_TIMEOUT);
            Files.move(tmp, image, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw ZosException.unavailable("cannot create disk " + image + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a leftover .tmp is replaced by the next attempt
            }
        }
    }

    /** Grows the file and its filesystem to {@code size}; the image must not be mounted. Shrinking is refused. */
    public void grow(Path image, long size) {
        long current = size(image);
        if (size < current) {
            throw ZosException.invalid("cannot shrink disk " + image.getFileName() + " from " + current + " to "
                    + size + " bytes");
        }
        if (size == current) {
            return;
        }
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(size);
        } catch (IOException e) {
            throw ZosException.unavailable("cannot grow disk " + image + ": " + e.getMessage(), e);
        }
        runner.check("cannot check disk " + image.getFileName() + " before growing it",
                List.of("e2fsck", "-f", "-p", image.toString()), MKFS_TIMEOUT);
        runner.check("cannot grow the filesystem of " + image.getFileName(),
                List.of("resize2fs", image.toString()), MKFS_TIMEOUT);
    }

    public static long size(Path image) {
        try {
            return Files.size(image);
        } catch (IOException e) {
            throw ZosException.unavailable("cannot read disk " + image + ": " + e.getMessage(), e);
        }
    }

    public void delete(Path image) {
        try {
            Files.deleteIfExists(image);
        } catch (IOException e) {
            throw ZosException.unavailable("cannot remove disk " + image + ": " + e.getMessage(), e);
        }
    }
}
