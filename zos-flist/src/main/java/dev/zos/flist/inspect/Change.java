package dev.zos.flist.inspect;

import java.util.List;

/**
 * One difference between two flists.
 *
 * @param path absolute path in the flists
 * @param kind added (only in the second), removed (only in the first) or changed
 * @param what for a change, the aspects that differ: {@code type}, {@code mode}, {@code owner}, {@code size},
 *             {@code content}, {@code target} (symlink), {@code rdev}, {@code mtime}
 */
public record Change(String path, Kind kind, List<String> what) {

    public enum Kind {
        ADDED, REMOVED, CHANGED
    }

    public Change {
        what = List.copyOf(what);
    }
}
