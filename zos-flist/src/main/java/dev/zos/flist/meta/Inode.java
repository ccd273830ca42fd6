package dev.zos.flist.meta;

import java.nio.charset.StandardCharsets;

/**
 * One row of the {@code inode} table joined with its {@code extra} data.
 *
 * @param ino    inode number; 1 is the root; 0 when not yet assigned
 * @param parent parent inode number; 0 for the root
 * @param name   file name within the parent ({@code /} for the root)
 * @param mode   the whole {@code st_mode}: type bits and permissions incl. setuid/setgid/sticky
 * @param data   extra data (the symlink target), or {@code null}
 */
public record Inode(long ino, long parent, String name, long size, int uid, int gid, int mode, long rdev,
                    long ctime, long mtime, byte[] data) {

    public static final long ROOT = 1;

    public Inode {
        if (name == null) {
            throw new IllegalArgumentException("inode name must not be null");
        }
    }

    public FileType type() {
        return FileType.of(mode);
    }

    /** Permission bits including setuid, setgid and sticky ({@code mode & 07777}). */
    public int permissions() {
        return mode & 07777;
    }

    /** The symlink target as text (UTF-8), or {@code null} when there is no extra data. */
    public String linkTarget() {
        return data == null ? null : new String(data, StandardCharsets.UTF_8);
    }

    public Inode withIno(long newIno) {
        return new Inode(newIno, parent, name, size, uid, gid, mode, rdev, ctime, mtime, data);
    }

    public boolean isDirectory() {
        return type() == FileType.DIRECTORY;
    }

    public boolean isRegular() {
        return type() == FileType.REGULAR;
    }
}
