package dev.zos.flist.oci;

import dev.zos.flist.meta.BlockRef;
import dev.zos.flist.meta.FlistWriter;
import dev.zos.flist.meta.Inode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Writes the applied tree into an flist: directories breadth-first per level as the packer does, children in name
 * order, each regular file's blocks in order. Counts what it writes.
 */
final class TreeWriter {

    long files;
    long directories;
    long symlinks;
    long specials;
    long bytes;
    long blockRows;
    /** Regular files sharing their content with one written before (hard links). */
    long hardLinks;
    private final java.util.Set<FsNode.Content> written = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private record Dir(FsNode node, long ino) {
    }

    void write(FsNode root, FlistWriter writer) {
        long rootIno = writer.inode(inode(Inode.ROOT, 0, "/", root));
        directories++;
        Deque<Dir> stack = new ArrayDeque<>();
        stack.push(new Dir(root, rootIno));
        while (!stack.isEmpty()) {
            Dir d = stack.pop();
            List<Dir> subdirs = new ArrayList<>();
            for (FsNode c : d.node().children.values()) {
                long ino = writer.inode(inode(0, d.ino(), c.name, c));
                switch (c.type()) {
                    case DIRECTORY -> {
                        directories++;
                        subdirs.add(new Dir(c, ino));
                    }
                    case SYMLINK -> symlinks++;
                    case REGULAR -> {
                        files++;
                        if (!written.add(c.content)) {
                            hardLinks++;
                        }
                        bytes += c.content.size;
                        for (BlockRef r : c.content.blocks) {
                            writer.block(ino, r);
                            blockRows++;
                        }
                    }
                    default -> specials++;
                }
            }
            for (int i = subdirs.size() - 1; i >= 0; i--) {
                stack.push(subdirs.get(i));
            }
        }
    }

    private static Inode inode(long ino, long parent, String name, FsNode n) {
        long size = switch (n.type()) {
            case DIRECTORY -> 4096;
            case REGULAR -> n.content.size;
            case SYMLINK -> n.link.length;
            default -> 0;
        };
        return new Inode(ino, parent, name, size, (int) n.uid, (int) n.gid, n.mode, n.rdev, n.mtime, n.mtime,
                n.type() == dev.zos.flist.meta.FileType.SYMLINK ? n.link : null);
    }
}
