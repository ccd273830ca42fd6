package dev.zos.node.workload.host;

import dev.zos.core.ZosException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        List<String> lines;
        try {
            lines = Files.readAllLines(mountinfo);
        } catch (IOException e) {
            throw ZosException.unavailable("cannot read " + mountinfo + ": " + e.getMessage(), e);
        }
        List<Entry> out = new ArrayList<>();
        for (String line : lines) {
            // id parent major:minor root mountpoint options [optional...] - fstype source superoptions
            String[] f = line.split(" ");
            int dash = List.of(f).indexOf("-");
            if (f.length < 5 || dash < 0 || dash + 2 >= f.length) {
                continue;
            }
            out.add(new Entry(Path.of(unescape(f[4])), f[dash + 1], unescape(f[dash + 2])));
        }
        return out;
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

    /** mountinfo escapes space, tab, newline and backslash as {@code \ooo}. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
