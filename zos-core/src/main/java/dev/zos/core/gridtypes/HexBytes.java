package dev.zos.core.gridtypes;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.zos.core.ZosException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Bytes carried as a hex string in JSON (zos {@code Bytes}: mycelium keys and seeds).
 * Upper-case input is accepted, as Go's hex decoder does; output and challenge are lower-case.
 */
public final class HexBytes {
    public static final HexBytes EMPTY = new HexBytes(new byte[0]);
    private final byte[] bytes;

    private HexBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    public static HexBytes of(byte[] bytes) {
        return new HexBytes(bytes.clone());
    }

    @JsonCreator
    public static HexBytes parse(String hex) {
        if (hex == null || hex.isEmpty()) {
            return EMPTY;
        }
        try {
            return new HexBytes(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw ZosException.invalid("not a hex string: '" + hex + "'");
        }
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    @JsonValue
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HexBytes other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
