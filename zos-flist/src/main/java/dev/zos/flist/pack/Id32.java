package dev.zos.flist.pack;

import java.util.Arrays;

/** A 32-byte hash as a map key (hash code from its first bytes). */
final class Id32 {
    final byte[] bytes;
    private final int hash;

    Id32(byte[] bytes) {
        this.bytes = bytes;
        this.hash = (bytes[0] & 0xff) | (bytes[1] & 0xff) << 8 | (bytes[2] & 0xff) << 16 | (bytes[3] & 0xff) << 24;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Id32 other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
