package dev.zos.flist.mount;

import dev.zos.core.ZosException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The kernel's mount table as this process sees it ({@code /proc/self/mountinfo}). */
public final class MountTable {

    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    /** One line of mountinfo: where, what type ({@code fuse.g8ufs}) and the source ({@code fsname}). */
    public record Entry(Path mountPoint, String fsType, String source, String options) {
    }

    private MountTable() {
    }

    public static List<Entry> entries() {
        try {
            return parse(Files.readAllLines(MOUNTINFO, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ZosException.unavailable("cannot read " + MOUNTINFO + ": " + e.getMessage(), e);
        }
    }

    /** The entries of mountinfo {@code lines}; lines that are not mountinfo are skipped. */
    public static List<Entry> parse(List<String> lines) {
        List<Entry> out = new ArrayList<>();
        for (String line : lines) {
            // id parent major:minor root mountpoint options [optional...] - fstype source superoptions
            String[] f = line.split(" ");
            int dash = -1;
            for (int i = 6; i < f.length; i++) {
                if (f[i].equals("-")) {
                    dash = i;
                    break;
                }
            }
            if (f.length < 5 || dash < 0 || dash + 2 >= f.length) {
                continue;
            }
            out.add(new Entry(Path.of(unescape(f[4])), f[dash + 1], unescape(f[dash + 2]), f[5]));
        }
        return out;
    }

    /** The topmost mount at {@code dir} (absolute, normalised), if any. */
    public static Optional<Entry> at(Path dir) {
        Path want = dir.toAbsolutePath().normalize();
        Entry found = null;
        for (Entry e : entries()) {
            if (e.mountPoint().equals(want)) {
                found = e;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Mountinfo escapes space, tab, newline and backslash as {@code \ooo}. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\\' && i + 3 < b.length + 0 && isOctal(b[i + 1]) && isOctal(b[i + 2]) && isOctal(b[i + 3])) {
                out.write((b[i + 1] - '0') * 64 + (b[i + 2] - '0') * 8 + (b[i + 3] - '0'));
                i += 3;
            } else {
                out.write(b[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isOctal(byte c) {
        return c >= '0' && c <= '7';
    }
}
