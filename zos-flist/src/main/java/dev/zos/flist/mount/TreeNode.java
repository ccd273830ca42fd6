package dev.zos.flist.mount;

import dev.zos.flist.meta.FileType;
import dev.zos.flist.meta.Inode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of a mounted flist, held in memory. Directories keep their children by name in rowid order (the
 * order {@code readdir} lists them).
 */
final class TreeNode {

    final long ino;
    final int mode;
    final long size;
    final int uid;
    final int gid;
    final long rdev;
    final long mtime;
    final long ctime;
    /** Symlink target bytes, or null. */
    final byte[] link;
    /** Children by name for a directory; null for anything else. */
    final Map<String, TreeNode> children;
    int subdirectories;

    TreeNode(Inode inode) {
        this.ino = inode.ino();
        this.mode = inode.mode();
        this.size = inode.size();
        this.uid = inode.uid();
        this.gid = inode.gid();
        this.rdev = inode.rdev();
        this.mtime = inode.mtime();
        this.ctime = inode.ctime();
        this.link = inode.data();
        this.children = inode.isDirectory() ? new LinkedHashMap<>() : null;
    }

    FileType type() {
        return FileType.of(mode);
    }

    boolean isDirectory() {
        return children != null;
    }

    /**
     * Links to this entry. A directory has its own name, its {@code .} and one {@code ..} per subdirectory.
     * The flist format gives every name its own inode (hard links are packed as separate entries sharing their
     * blocks, as rfs does), so anything else has exactly one.
     */
    long nlink() {
        return isDirectory() ? 2L + subdirectories : 1L;
    }
}
