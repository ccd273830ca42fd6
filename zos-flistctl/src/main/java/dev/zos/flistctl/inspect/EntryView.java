package dev.zos.flistctl.inspect;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.zos.flist.inspect.Entries;
import dev.zos.flist.meta.Inode;

import java.util.List;

/**
 * An flist entry as {@code ls} and {@code stat} print it with {@code -o json|yaml}: times in epoch seconds,
 * sizes in bytes, the mode in octal.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EntryView(String path, String name, String type, String mode, String permissions, int uid, int gid,
                 long size, long mtime, Long ctime, String target, Long rdev, Long ino, List<String> blocks) {

    static EntryView of(Entries.Entry e) {
        Inode i = e.inode();
        return new EntryView(e.path(), i.name(), Entries.typeName(i.type()), String.format("%04o", i.permissions()),
                Entries.modeString(i.mode()), i.uid(), i.gid(), i.size(), i.mtime(), null, i.linkTarget(),
                rdev(i), null, null);
    }

    /** With the fields only {@code stat} shows: inode number, ctime and block ids. */
    static EntryView detailed(Entries.Entry e, List<String> blockIds) {
        EntryView v = of(e);
        return new EntryView(v.path, v.name, v.type, v.mode, v.permissions, v.uid, v.gid, v.size, v.mtime,
                e.inode().ctime(), v.target, v.rdev, e.inode().ino(), blockIds);
    }

    private static Long rdev(Inode i) {
        return switch (i.type()) {
            case CHAR_DEVICE, BLOCK_DEVICE -> i.rdev();
            default -> null;
        };
    }

    /** {@code name -> target} for a symlink, else the name. */
    String displayName(String shown) {
        return target == null ? shown : shown + " -> " + target;
    }
}
