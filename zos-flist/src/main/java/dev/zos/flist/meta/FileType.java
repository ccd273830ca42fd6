package dev.zos.flist.meta;

/** The file type encoded in the high bits of an inode's {@code st_mode}. */
public enum FileType {
    REGULAR(0100000),
    DIRECTORY(0040000),
    SYMLINK(0120000),
    BLOCK_DEVICE(0060000),
    CHAR_DEVICE(0020000),
    SOCKET(0140000),
    FIFO(0010000),
    UNKNOWN(0);

    /** Mask of the type bits in {@code st_mode}. */
    public static final int TYPE_MASK = 0170000;

    private final int bits;

    FileType(int bits) {
        this.bits = bits;
    }

    /** The {@code S_IF*} bits of this type. */
    public int bits() {
        return bits;
    }

    public static FileType of(int mode) {
        int t = mode & TYPE_MASK;
        for (FileType ft : values()) {
            if (ft.bits == t && ft != UNKNOWN) {
                return ft;
            }
        }
        return UNKNOWN;
    }
}
