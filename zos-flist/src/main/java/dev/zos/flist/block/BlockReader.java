package dev.zos.flist.block;

import dev.zos.flist.meta.BlockRef;

/**
 * Reads the verified plaintext of a block. Implementations compose: one over a store, a cache over another
 * reader. Implementations are thread-safe.
 */
@FunctionalInterface
public interface BlockReader {

    /**
     * @throws BlockCorruptException when the block fails verification
     * @throws dev.zos.core.ZosException NOT_FOUND when no store has it, UNAVAILABLE when a store is down
     */
    byte[] read(BlockRef ref);
}
