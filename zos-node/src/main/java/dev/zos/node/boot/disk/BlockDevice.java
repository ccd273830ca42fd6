package dev.zos.node.boot.disk;

import java.nio.file.Path;

/**
 * A whole disk as {@code /sys/block} shows it, with what its first bytes say it holds.
 *
 * @param label the ext2/3/4 volume label when {@code content} is {@link Content#EXT}, else null
 */
public record BlockDevice(String name, Path dev, long sizeBytes, boolean removable, boolean readOnly, Content content, String label) {

    /** What is on the disk, judged from its first 128 KiB. */
    public enum Content {
        /** all zero: never used, safe to format */
        BLANK,
        /** an ext2/3/4 file system on the whole disk */
        EXT,
        /** anything else (partition table, ISO, other file systems, data): never touched */
        OTHER
    }

    public String describe() {
        return dev + " (" + sizeBytes / (1024 * 1024) + " MiB" + (label != null ? ", label " + label : "") + ")";
    }
}
