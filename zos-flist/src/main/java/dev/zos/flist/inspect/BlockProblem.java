package dev.zos.flist.inspect;

import java.util.List;

/**
 * A block that failed verification, with every file that uses it.
 *
 * @param id     the block id in hex
 * @param kind   what is wrong
 * @param detail the error as the store or the block check reported it
 * @param paths  the files whose content includes this block, in flist order
 */
public record BlockProblem(String id, Kind kind, String detail, List<String> paths) {

    public enum Kind {
        /** No store routed for the block has it. */
        MISSING,
        /** The stored bytes fail a check: id hash, GCM tag, decompression or plaintext hash. */
        CORRUPT
    }

    public BlockProblem {
        paths = List.copyOf(paths);
    }
}
