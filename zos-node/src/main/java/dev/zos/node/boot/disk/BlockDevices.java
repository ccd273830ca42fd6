package dev.zos.node.boot.disk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Lists whole disks from {@code /sys/block} and reads their first bytes to tell blank disks from used ones. */
public final class BlockDevices {
    static final int PROBE_BYTES = 128 * 1024;
    static final int EXT_SUPERBLOCK = 1024;

    /** The names a node considers as disks: no loop, RAM, optical, floppy, zram, network or device-mapper devices. */
    public static final Predicate<String> NODE_DISKS = name -> !name.matches("(loop|ram|sr|fd|zram|nbd|dm-|md).*");

    private BlockDevices() {
    }

    /** Every device under {@code sysBlock} whose name {@code accept}s, with its node under {@code devDir}, by name. */
    public static List<BlockDevice> scan(Path sysBlock, Path devDir, Predicate<String> accept) {
        List<BlockDevice> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(sysBlock)) {
            for (Path p : s.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!accept.test(name)) {
                    continue;
                }
                long sectors = number(p.resolve("size"));
                Path dev = devDir.resolve(name);
                if (sectors <= 0 || !Files.exists(dev)) {
                    continue;
                }
                BlockDevice.Content content = BlockDevice.Content.OTHER;
                String label = null;
                try {
                    byte[] head = head(dev);
                    // partitions or holders (device mapper, RAID) mean the disk is in use even when its first bytes are
                    // zero (a partition table wiped by hand, a boot medium with an unusual layout): never formatted
                    content = inUse(p) ? BlockDevice.Content.OTHER : classify(head);
                    label = content == BlockDevice.Content.EXT ? extLabel(head) : null;
                } catch (IOException e) {
                    // unreadable (no medium, I/O error): OTHER, so it is never formatted
                }
                out.add(new BlockDevice(name, dev, sectors * 512, number(p.resolve("removable")) == 1, number(p.resolve("ro")) == 1, content, label));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + sysBlock, e);
        }
        return out;
    }

    /** Whether the kernel sees partitions on the disk ({@code /sys/block/X/X1/partition}) or something holding it. */
    static boolean inUse(Path sysDisk) throws IOException {
        String name = sysDisk.getFileName().toString();
        try (Stream<Path> s = Files.list(sysDisk)) {
            if (s.anyMatch(c -> c.getFileName().toString().startsWith(name) && Files.exists(c.resolve("partition")))) {
                return true;
            }
        }
        Path holders = sysDisk.resolve("holders");
        if (Files.isDirectory(holders)) {
            try (Stream<Path> s = Files.list(holders)) {
                return s.findAny().isPresent();
            }
        }
        return false;
    }

    static byte[] head(Path dev) throws IOException {
        try (FileChannel ch = FileChannel.open(dev, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(PROBE_BYTES);
            while (b.hasRemaining() && ch.read(b) > 0) {
                // read until full or end of device
            }
            return b.array();
        }
    }

    static BlockDevice.Content classify(byte[] head) {
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        if ((b.getShort(EXT_SUPERBLOCK + 0x38) & 0xffff) == 0xEF53) {
            return BlockDevice.Content.EXT;
        }
        for (byte x : head) {
            if (x != 0) {
                return BlockDevice.Content.OTHER;
            }
        }
        return BlockDevice.Content.BLANK;
    }

    static String extLabel(byte[] head) {
        int off = EXT_SUPERBLOCK + 0x78;
        int len = 0;
        while (len < 16 && head[off + len] != 0) {
            len++;
        }
        return new String(head, off, len, StandardCharsets.UTF_8);
    }

    private static long number(Path p) {
        try {
            return Long.parseLong(Files.readString(p).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
