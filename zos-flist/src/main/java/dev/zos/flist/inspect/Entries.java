package dev.zos.flist.inspect;

import dev.zos.core.ZosException;
import dev.zos.flist.meta.FileType;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flist.meta.Inode;

import java.util.ArrayList;
import java.util.List;

/** Looking entries up and describing them the way {@code ls -l} does. */
public final class Entries {

    private Entries() {
    }

    /** One entry with its absolute path in the flist. */
    public record Entry(String path, Inode inode) {
    }

    /** The entry at {@code path}; NOT_FOUND naming the path when there is none. */
    public static Entry at(FlistReader flist, String path) {
        String norm = normalize(path);
        Inode inode = flist.lookup(norm).orElseThrow(() -> ZosException.notFound(
                "no such file or directory in flist " + flist.path() + ": " + norm));
        return new Entry(norm, inode);
    }

    /** A directory's children (or the entry itself when it is not a directory), as {@code ls} lists them. */
    public static List<Entry> list(FlistReader flist, String path) {
        Entry e = at(flist, path);
        if (!e.inode().isDirectory()) {
            return List.of(e);
        }
        List<Entry> out = new ArrayList<>();
        String prefix = e.path().equals("/") ? "/" : e.path() + "/";
        for (Inode kid : flist.children(e.inode().ino())) {
            if (kid.ino() != e.inode().ino()) {
                out.add(new Entry(prefix + kid.name(), kid));
            }
        }
        return out;
    }

    /** {@code /a/b} from {@code a/b}, {@code /a/b/}, {@code //a/./b}. */
    public static String normalize(String path) {
        StringBuilder sb = new StringBuilder();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            sb.append('/').append(part);
        }
        return sb.isEmpty() ? "/" : sb.toString();
    }

    /** {@code drwxr-xr-x}, {@code -rwsr-xr-x}, {@code crw-rw-rw-} ... */
    public static String modeString(int mode) {
        char t = switch (FileType.of(mode)) {
            case DIRECTORY -> 'd';
            case SYMLINK -> 'l';
            case CHAR_DEVICE -> 'c';
            case BLOCK_DEVICE -> 'b';
            case FIFO -> 'p';
            case SOCKET -> 's';
            case REGULAR -> '-';
            case UNKNOWN -> '?';
        };
        char[] s = {t, r(mode, 0400), w(mode, 0200), x(mode, 0100, 04000, 's'),
                r(mode, 040), w(mode, 020), x(mode, 010, 02000, 's'),
                r(mode, 04), w(mode, 02), x(mode, 01, 01000, 't')};
        return new String(s);
    }

    private static char r(int mode, int bit) {
        return (mode & bit) != 0 ? 'r' : '-';
    }

    private static char w(int mode, int bit) {
        return (mode & bit) != 0 ? 'w' : '-';
    }

    private static char x(int mode, int exec, int special, char mark) {
        boolean e = (mode & exec) != 0;
        if ((mode & special) != 0) {
            return e ? mark : Character.toUpperCase(mark);
        }
        return e ? 'x' : '-';
    }

    /** {@code regular}, {@code directory}, {@code symlink}, {@code char-device} ... */
    public static String typeName(FileType type) {
        return type.name().toLowerCase(java.util.Locale.ROOT).replace("_device", "-device");
    }
}
