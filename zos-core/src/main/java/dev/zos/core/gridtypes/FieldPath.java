package dev.zos.core.gridtypes;

import dev.zos.core.ZosException;

/**
 * Where a value sits in a deployment, written the way a person reads it
 * ({@code workloads[1].data.compute_capacity.memory}), so every rule violation names its field.
 */
public record FieldPath(String text) {

    public static FieldPath root() {
        return new FieldPath("");
    }

    public FieldPath field(String name) {
        return new FieldPath(text.isEmpty() ? name : text + "." + name);
    }

    public FieldPath index(int i) {
        return new FieldPath(text + "[" + i + "]");
    }

    /** The exception for a broken rule at this path: {@code path: problem}. */
    public ZosException invalid(String problem) {
        return ZosException.invalid((text.isEmpty() ? "deployment" : text) + ": " + problem);
    }

    public void require(boolean ok, String problem) {
        if (!ok) {
            throw invalid(problem);
        }
    }

    /** Wire integers that Go declares unsigned must not be negative; Go's decoder would refuse them. */
    public void requireUnsigned(long value) {
        require(value >= 0, "must not be negative, got " + value);
    }

    /** Go's uint32 fields (versions, twin ids). */
    public void requireUint32(long value) {
        require(value >= 0 && value <= 0xFFFF_FFFFL, "must be between 0 and 4294967295, got " + value);
    }

    @Override
    public String toString() {
        return text;
    }
}
