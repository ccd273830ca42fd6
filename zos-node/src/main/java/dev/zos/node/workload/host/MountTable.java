package dev.zos.node.workload.host;

import dev.zos.core.ZosException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The kernel's view of what is mounted where ({@code /proc/self/mountinfo}), read fresh on every call. */
public final class MountTable {

    /** One line of mountinfo: mount point, filesystem type and source (e.g. {@code /dev/loop3}). */
    public record Entry(Path mountPoint, String fsType, String source) {
    }

    private final Path mountinfo;

    public MountTable() {
        this(Path.of("/proc/self/mountinfo"));
    }

    public MountTable(Path mountinfo) {
        this.mountinfo = mountinfo;
    }

    public List<Entry> entries() {
        try {
            // one mountinfo parser for the node and the flist mount: zos-flist's
            return dev.zos.flist.mount.MountTable.parse(Files.readAllLines(mountinfo)).stream()
                    .map(e -> new Entry(e.mountPoint(), e.fsType(), e.source())).toList();
        } catch (IOException e) {
            throw ZosException.unavailable("cannot read " + mountinfo + ": " + e.getMessage(), e);
        }
    }

    /** The topmost mount at exactly {@code mountPoint}, if any. */
    public Optional<Entry> at(Path mountPoint) {
        Path want = mountPoint.toAbsolutePath().normalize();
        Entry found = null;
        for (Entry e : entries()) {
            if (e.mountPoint().equals(want)) {
                found = e;
            }
        }
        return Optional.ofNullable(found);
    }

    public boolean isMounted(Path mountPoint) {
        return at(mountPoint).isPresent();
    }

    /** Every mount point at or below {@code dir}. */
    public List<Path> under(Path dir) {
        Path base = dir.toAbsolutePath().normalize();
        return entries().stream().map(Entry::mountPoint).filter(p -> p.startsWith(base)).toList();
    }
}
