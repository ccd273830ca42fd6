package dev.zos.core.registry.client;

/**
 * The grid's answer to an accepted transaction: the log index it was written at, its type, the id it
 * assigned (new twin, farm, node or contract; 0 for other types) and the log entry's hash (hex).
 */
public record Receipt(long index, String type, long id, String hash) {
}
