package dev.zos.grid.explorer;

import dev.zos.grid.registry.SubmitResult;

/**
 * The answer to an accepted {@code POST /tx}: the log index it was written at, its type, the id it
 * assigned (new twin, farm, node or contract; 0 for other types) and the log entry's hash (hex).
 */
public record TxReceipt(long index, String type, long id, String hash) {
    static TxReceipt of(SubmitResult r) {
        return new TxReceipt(r.index(), r.type().wire(), r.assignedId(), r.entryHash());
    }
}
