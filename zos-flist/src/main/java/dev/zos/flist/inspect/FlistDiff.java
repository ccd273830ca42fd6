package dev.zos.flist.inspect;

import dev.zos.flist.meta.BlockRef;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flist.meta.Inode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares two flists by path. Content is compared by block keys (the BLAKE2b of the plaintext), so no block is
 * fetched: equal keys mean equal content whatever the stores.
 */
public final class FlistDiff {

    private FlistDiff() {
    }

    /** Changes from {@code a} to {@code b}, sorted by path. */
    public static List<Change> diff(FlistReader a, FlistReader b) {
        Map<String, Inode> left = index(a);
        Map<String, Inode> right = index(b);
        TreeMap<String, Change> out = new TreeMap<>();
        for (Map.Entry<String, Inode> e : left.entrySet()) {
            Inode other = right.get(e.getKey());
            if (other == null) {
                out.put(e.getKey(), new Change(e.getKey(), Change.Kind.REMOVED, List.of()));
                continue;
            }
            List<String> what = compare(a, e.getValue(), b, other);
            if (!what.isEmpty()) {
                out.put(e.getKey(), new Change(e.getKey(), Change.Kind.CHANGED, what));
            }
        }
        for (String p : right.keySet()) {
            if (!left.containsKey(p)) {
                out.put(p, new Change(p, Change.Kind.ADDED, List.of()));
            }
        }
        return List.copyOf(out.values());
    }

    private static Map<String, Inode> index(FlistReader flist) {
        Map<String, Inode> m = new HashMap<>();
        flist.walk((path, inode) -> {
            m.put(path, inode);
            return true;
        });
        return m;
    }

    private static List<String> compare(FlistReader a, Inode x, FlistReader b, Inode y) {
        List<String> what = new ArrayList<>();
        if (x.type() != y.type()) {
            what.add("type");
        }
        if (x.permissions() != y.permissions()) {
            what.add("mode");
        }
        if (x.uid() != y.uid() || x.gid() != y.gid()) {
            what.add("owner");
        }
        if (x.type() != y.type()) {
            return what;
        }
        switch (x.type()) {
            case REGULAR -> {
                if (x.size() != y.size()) {
                    what.add("size");
                }
                if (!sameContent(a.blocks(x.ino()), b.blocks(y.ino()))) {
                    what.add("content");
                }
            }
            case SYMLINK -> {
                if (!Arrays.equals(x.data(), y.data())) {
                    what.add("target");
                }
            }
            case CHAR_DEVICE, BLOCK_DEVICE -> {
                if (x.rdev() != y.rdev()) {
                    what.add("rdev");
                }
            }
            default -> {
            }
        }
        if (x.mtime() != y.mtime()) {
            what.add("mtime");
        }
        return what;
    }

    private static boolean sameContent(List<BlockRef> x, List<BlockRef> y) {
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (!Arrays.equals(x.get(i).key(), y.get(i).key())) {
                return false;
            }
        }
        return true;
    }
}
