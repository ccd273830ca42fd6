package dev.zos.flist.meta;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One row of the {@code block} table: the store id of an encrypted block and the key that decrypts it.
 * Both are 32 bytes. Arrays are not copied; callers must not mutate them.
 */
public record BlockRef(byte[] id, byte[] key) {

    public static final int ID_LEN = 32;
    public static final int KEY_LEN = 32;

    public BlockRef {
        if (id == null || id.length != ID_LEN) {
            throw new IllegalArgumentException("block id must be " + ID_LEN + " bytes, got "
                    + (id == null ? "null" : id.length));
        }
        if (key == null || key.length != KEY_LEN) {
            throw new IllegalArgumentException("block key must be " + KEY_LEN + " bytes, got "
                    + (key == null ? "null" : key.length));
        }
    }

    public String idHex() {
        return HexFormat.of().formatHex(id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockRef b && Arrays.equals(id, b.id) && Arrays.equals(key, b.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(id) * 31 + Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "BlockRef[" + idHex() + "]";
    }
}
