package dev.zos.grid.registry.store;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where the registry keeps its log and the state tables derived from it. Implementations: SQLite
 * (embedded default) and PostgreSQL; see {@link RegistryStores} for opening one by URL.
 * Every method may throw {@link dev.zos.core.ZosException} of kind UNAVAILABLE when the database fails.
 */
public interface RegistryStore extends AutoCloseable {

    /** Where the store lives, for messages (never contains a password). */
    String describe();

    /** Visits the log entries with index ≥ {@code from}, in order. */
    default void readLog(long from, Consumer<LogEntry> visitor) {
        readLog(from, Long.MAX_VALUE, visitor);
    }

    /** Visits the log entries with {@code from ≤ index ≤ to}, in order. */
    void readLog(long from, long to, Consumer<LogEntry> visitor);

    /** The index of the last log entry, 0 when the log is empty. */
    long head();

    /** The log index the state tables reflect, or -1 when they were never written. */
    long stateIndex();

    /**
     * Appends {@code entries} (which continue the log) and writes {@code rows} into the state tables in one
     * database transaction; returns only once that transaction is durable.
     */
    void append(List<LogEntry> entries, List<EntityRow> rows);

    /** Replaces every state table with {@code rows}, marking them as reflecting log index {@code index}. */
    void replaceState(List<EntityRow> rows, long index);

    @Override
    void close();
}
