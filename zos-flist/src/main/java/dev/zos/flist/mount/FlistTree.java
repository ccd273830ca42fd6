package dev.zos.flist.mount;

import dev.zos.core.ZosException;
import dev.zos.flist.meta.FlistReader;

import java.util.HashMap;
import java.util.Map;

/**
 * The whole inode table of an flist, indexed in memory at mount so that path lookups never touch SQLite:
 * a lookup is one hash probe per path component. Immutable after {@link #load}; safe for concurrent readers.
 */
final class FlistTree {

    private final TreeNode root;
    private final long entries;
    private final long bytes;

    private FlistTree(TreeNode root, long entries, long bytes) {
        this.root = root;
        this.entries = entries;
        this.bytes = bytes;
    }

    static FlistTree load(FlistReader reader) {
        Map<Long, TreeNode> dirs = new HashMap<>();
        long[] counts = new long[2];
        TreeNode[] root = new TreeNode[1];
        reader.walk((path, inode) -> {
            TreeNode node = new TreeNode(inode);
            counts[0]++;
            if (inode.isRegular()) {
                counts[1] += Math.max(0, inode.size());
            }
            if (path.equals("/")) {
                if (!inode.isDirectory()) {
                    throw ZosException.invalid("flist " + reader.path() + ": the root inode is not a directory");
                }
                root[0] = node;
            } else {
                TreeNode parent = dirs.get(inode.parent());
                if (parent == null) {
                    throw ZosException.invalid("flist " + reader.path() + ": " + path + " has no parent directory");
                }
                String name = inode.name();
                if (name.isEmpty() || name.indexOf('/') >= 0 || name.equals(".") || name.equals("..")) {
                    throw ZosException.invalid("flist " + reader.path() + ": bad entry name '" + name + "' in "
                            + path);
                }
                if (parent.children.putIfAbsent(name, node) == null && node.isDirectory()) {
                    parent.subdirectories++;
                }
            }
            if (inode.isDirectory()) {
                dirs.putIfAbsent(inode.ino(), node);
            }
            return true;
        });
        return new FlistTree(root[0], counts[0], counts[1]);
    }

    TreeNode root() {
        return root;
    }

    /** Entries in the tree, the root included. */
    long entries() {
        return entries;
    }

    /** Sum of the regular files' sizes. */
    long bytes() {
        return bytes;
    }

    /** The node at an absolute path as FUSE passes it ({@code /}, {@code /a/b}), or null. */
    TreeNode find(String path) {
        TreeNode cur = root;
        int i = 0;
        int n = path.length();
        while (i < n) {
            int slash = path.indexOf('/', i);
            int end = slash < 0 ? n : slash;
            if (end > i) {
                if (cur.children == null) {
                    return null;
                }
                cur = cur.children.get(path.substring(i, end));
                if (cur == null) {
                    return null;
                }
            }
            i = end + 1;
        }
        return cur;
    }
}
