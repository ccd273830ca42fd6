package dev.zos.node.boot.disk;

import dev.zos.node.boot.linux.Linux;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The node's cache disk, mounted at {@code /var/cache/zos}: the disk already labelled {@value #LABEL} if there is
 * one, else the largest blank, writable, fixed disk, formatted ext4 with that label on this first boot. A labelled
 * disk is never formatted again, and a disk holding anything (partition table, other file system, data) is never
 * touched.
 */
public final class CacheDisk {
    public static final String LABEL = "ZOS-CACHE";
    public static final Path MOUNT_POINT = Path.of("/var/cache/zos");
    public static final long MIN_SIZE = 1L << 30;

    private CacheDisk() {
    }

    /** What {@link #prepare} did. */
    public record Mounted(BlockDevice device, Path mountPoint, boolean formatted) {
        public String describe() {
            return "cache disk: " + device.dev() + " " + device.sizeBytes() / (1024 * 1024) + " MiB ext4 " + LABEL + " at " + mountPoint
                    + (formatted ? " (formatted on this first boot)" : " (kept)");
        }
    }

    /** The disk to use, or empty when none fits. */
    public static Optional<BlockDevice> choose(List<BlockDevice> disks, long minSize) {
        List<BlockDevice> usable = disks.stream().filter(d -> !d.removable() && !d.readOnly()).toList();
        Optional<BlockDevice> labelled = usable.stream()
                .filter(d -> d.content() == BlockDevice.Content.EXT && LABEL.equals(d.label()))
                .max(Comparator.comparingLong(BlockDevice::sizeBytes));
        if (labelled.isPresent()) {
            return labelled;
        }
        return usable.stream()
                .filter(d -> d.content() == BlockDevice.Content.BLANK && d.sizeBytes() >= minSize)
                .max(Comparator.comparingLong(BlockDevice::sizeBytes).thenComparing(BlockDevice::name, Comparator.reverseOrder()));
    }

    /** Formats {@code disk} with {@code mkfs} unless it already carries the label, then mounts it at {@code mountPoint}. */
    public static Mounted prepare(BlockDevice disk, Path mountPoint, Path mkfs) throws IOException, InterruptedException {
        boolean format = !(disk.content() == BlockDevice.Content.EXT && LABEL.equals(disk.label()));
        if (format) {
            if (disk.content() != BlockDevice.Content.BLANK) {
                throw new IllegalStateException(disk.dev() + " is not blank: refusing to format it");
            }
            mkfs(mkfs, disk.dev());
            byte[] head = BlockDevices.head(disk.dev());
            if (BlockDevices.classify(head) != BlockDevice.Content.EXT || !LABEL.equals(BlockDevices.extLabel(head))) {
                throw new IllegalStateException(mkfs + " ran but " + disk.dev() + " has no ext4 file system labelled " + LABEL);
            }
        }
        Files.createDirectories(mountPoint);
        int r = Linux.libc().mount(disk.dev().toString(), mountPoint.toString(), "ext4", Linux.MS_NOATIME, null);
        Linux.check(r, "mount " + disk.dev() + " on " + mountPoint);
        return new Mounted(disk, mountPoint, format);
    }

    static void mkfs(Path mkfs, Path dev) throws IOException, InterruptedException {
        // -F: a whole disk without partitions makes mke2fs ask for confirmation; it has been checked blank above
        Process p = new ProcessBuilder(mkfs.toString(), "-q", "-F", "-L", LABEL, "-m", "1", dev.toString()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(mkfs + " " + dev + " did not finish in 10 minutes");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(mkfs + " " + dev + " failed (exit " + p.exitValue() + "): " + out);
        }
    }
}
