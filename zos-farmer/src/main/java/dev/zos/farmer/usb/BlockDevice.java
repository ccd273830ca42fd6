package dev.zos.farmer.usb;

import dev.zos.core.ZosException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A whole disk as the kernel describes it in /sys/class/block, and what on this machine is using it.
 *
 * @param path     the device node, symlinks resolved ({@code /dev/sdb})
 * @param devices  the {@code major:minor} of the disk and of each of its partitions
 */
public record BlockDevice(Path path, String name, long sizeBytes, String description, boolean removable, List<String> devices) {
    private static final Path SYS_BLOCK = Path.of("/sys/class/block");

    public static BlockDevice of(Path given) {
        Path path;
        try {
            path = given.toRealPath();
        } catch (IOException e) {
            throw ZosException.notFound(given + " does not exist");
        }
        String name = path.getFileName().toString();
        Path sys = SYS_BLOCK.resolve(name);
        if (!path.startsWith("/dev/") || !Files.isDirectory(sys)) {
            throw ZosException.invalid(given + " is not a block device (expected a disk such as /dev/sdb)");
        }
        if (Files.exists(sys.resolve("partition"))) {
            throw ZosException.invalid(given + " is a partition; write the image to the whole disk it belongs to");
        }
        long sectors = Long.parseLong(read(sys.resolve("size")).orElse("0"));
        List<String> devices = new ArrayList<>();
        read(sys.resolve("dev")).ifPresent(devices::add);
        try (Stream<Path> children = Files.list(sys)) {
            children.filter(c -> Files.exists(c.resolve("partition"))).forEach(p -> read(p.resolve("dev")).ifPresent(devices::add));
        } catch (IOException e) {
            throw ZosException.unavailable("cannot list the partitions of " + path + ": " + e.getMessage(), e);
        }
        boolean removable = read(sys.resolve("removable")).map("1"::equals).orElse(false);
        return new BlockDevice(path, name, sectors * 512, describe(sys), removable, List.copyOf(devices));
    }

    private static String describe(Path sys) {
        Optional<String> backing = read(sys.resolve("loop/backing_file"));
        if (backing.isPresent()) {
            return "loop device on " + backing.get();
        }
        String vendor = read(sys.resolve("device/vendor")).orElse("");
        String model = read(sys.resolve("device/model")).orElse("");
        String text = (vendor + " " + model).strip();
        return text.isEmpty() ? "unknown model" : text;
    }

    /** Why this disk must not be overwritten, or empty when nothing on this machine uses it. */
    public Optional<String> inUse(Path mountinfo, Path swaps) {
        try {
            for (String line : Files.readAllLines(mountinfo)) {
                String[] f = line.split(" ");
                if (f.length > 4 && devices.contains(f[2])) {
                    String where = f[4];
                    return Optional.of(where.equals("/") || where.equals("/boot") || where.startsWith("/boot/")
                            ? "it holds " + where + " (the system disk)" : "it is mounted on " + where.replace("\\040", " "));
                }
            }
            for (String line : Files.readAllLines(swaps)) {
                String device = line.split("\\s+")[0];
                if (device.equals(path.toString()) || device.startsWith(path.toString()) && device.length() > path.toString().length()
                        && Character.isDigit(device.charAt(device.length() - 1))) {
                    return Optional.of("it is used as swap (" + device + ")");
                }
            }
            try (Stream<Path> holders = Files.list(SYS_BLOCK.resolve(name).resolve("holders"))) {
                Optional<Path> holder = holders.findFirst();
                if (holder.isPresent()) {
                    return Optional.of("it is held by " + holder.get().getFileName() + " (LVM, RAID or dm-crypt)");
                }
            }
        } catch (IOException e) {
            throw ZosException.unavailable("cannot tell whether " + path + " is in use: " + e.getMessage(), e);
        }
        return Optional.empty();
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
