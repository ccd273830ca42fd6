package dev.zos.node.capacity;

/** A block device as /sys/block shows it: its name, size in bytes and whether it spins (HDD) or not (SSD). */
public record Disk(String name, long bytes, boolean rotational) {
}
