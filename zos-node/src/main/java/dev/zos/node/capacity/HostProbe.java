package dev.zos.node.capacity;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the machine's hardware from procfs and sysfs. The roots are parameters so PID 1 (which mounts them itself)
 * and tests (which lay out a tree) read the same code; every reader tolerates a missing file.
 */
public final class HostProbe {
    /** Kernel devices that are not disks a farmer sells: loop, RAM disks, compressed swap, device-mapper, md, optical, floppy, nbd. */
    private static final Pattern NOT_A_DISK = Pattern.compile("^(loop|ram|zram|dm-|md|sr|fd|nbd|nullb).*");

    private final Path proc;
    private final Path sys;

    public HostProbe(Path proc, Path sys) {
        this.proc = proc;
        this.sys = sys;
    }

    public static HostProbe system() {
        return new HostProbe(Path.of("/proc"), Path.of("/sys"));
    }

    /** Logical CPUs: the {@code processor} entries of /proc/cpuinfo (what zos counts as CRU). */
    public long cru() {
        long n = lines(proc.resolve("cpuinfo")).stream().filter(l -> l.startsWith("processor")).count();
        return n > 0 ? n : Runtime.getRuntime().availableProcessors();
    }

    /** Bytes of RAM: MemTotal of /proc/meminfo. */
    public long mru() {
        return meminfo("MemTotal:").orElse(0L);
    }

    /** Bytes of RAM not in use (MemAvailable), for diagnostics. */
    public long memAvailable() {
        return meminfo("MemAvailable:").orElse(0L);
    }

    /** Every disk under /sys/block, skipping virtual devices and removable media. */
    public List<Disk> disks() {
        List<Disk> out = new ArrayList<>();
        Path block = sys.resolve("block");
        if (!Files.isDirectory(block)) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(block)) {
            for (Path dev : dirs) {
                String name = dev.getFileName().toString();
                if (NOT_A_DISK.matcher(name).matches() || "1".equals(first(dev.resolve("removable")))) {
                    continue;
                }
                long sectors = parseLong(first(dev.resolve("size")));
                if (sectors <= 0) {
                    continue;
                }
                // /sys/block/*/size is always in 512-byte units, whatever the logical block size
                out.add(new Disk(name, sectors * 512, "1".equals(first(dev.resolve("queue/rotational")))));
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(java.util.Comparator.comparing(Disk::name));
        return out;
    }

    /** True when the CPU reports a hypervisor or the DMI vendor is a known virtual machine. */
    public boolean virtualized() {
        boolean flag = lines(proc.resolve("cpuinfo")).stream()
                .anyMatch(l -> l.startsWith("flags") && (" " + l + " ").contains(" hypervisor "));
        String vendor = (first(sys.resolve("class/dmi/id/sys_vendor")) + " " + first(sys.resolve("class/dmi/id/product_name")))
                .toLowerCase(Locale.ROOT);
        return flag || vendor.contains("qemu") || vendor.contains("kvm") || vendor.contains("vmware")
                || vendor.contains("virtualbox") || vendor.contains("xen") || vendor.contains("bochs");
    }

    /** The machine's serial number from DMI (readable by root only), or "Not Specified" as DMI itself says when there is none. */
    public String serial() {
        for (String f : List.of("product_serial", "board_serial", "chassis_serial")) {
            String s = first(sys.resolve("class/dmi/id").resolve(f));
            if (!s.isBlank() && !s.equalsIgnoreCase("Not Specified") && !s.equalsIgnoreCase("To be filled by O.E.M.")) {
                return s.length() > 128 ? s.substring(0, 128) : s;
            }
        }
        return "Not Specified";
    }

    /** Seconds since the machine booted (/proc/uptime). */
    public long uptimeSeconds() {
        String s = first(proc.resolve("uptime"));
        try {
            return (long) Double.parseDouble(s.split("\\s+")[0]);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private Optional<Long> meminfo(String key) {
        for (String l : lines(proc.resolve("meminfo"))) {
            if (l.startsWith(key)) {
                String[] f = l.substring(key.length()).trim().split("\\s+");
                long v = parseLong(f[0]);
                return Optional.of(f.length > 1 && f[1].equalsIgnoreCase("kB") ? v * 1024 : v);
            }
        }
        return Optional.empty();
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String first(Path p) {
        var l = lines(p);
        return l.isEmpty() ? "" : l.get(0).strip();
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
