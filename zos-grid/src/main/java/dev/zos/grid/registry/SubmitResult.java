package dev.zos.grid.registry;

import dev.zos.core.registry.tx.TxType;

/**
 * An accepted transaction: the log index it was written at, its entry hash (hex), and the id it assigned —
 * the new twin, farm, node or contract id for the create types, 0 otherwise.
 */
public record SubmitResult(long index, TxType type, long assignedId, String entryHash) {
}
