package dev.zos.grid.registry.store;

import dev.zos.core.ZosException;

import java.nio.file.Path;

/**
 * Opens a store by location: {@code postgres://…}, {@code postgresql://…} or {@code jdbc:postgresql:…} for
 * PostgreSQL; {@code sqlite:PATH} or a plain file path for SQLite. Other schemes are refused.
 */
public final class RegistryStores {
    private RegistryStores() {
    }

    public static RegistryStore open(String location) {
        if (location == null || location.isBlank()) {
            throw ZosException.invalid("registry location is empty; give a file path or postgres://user:pass@host:port/db");
        }
        if (location.startsWith("postgres://") || location.startsWith("postgresql://")
                || location.startsWith("jdbc:postgresql:")) {
            return PostgresRegistryStore.open(location);
        }
        if (location.startsWith("sqlite:")) {
            return SqliteRegistryStore.open(Path.of(location.substring("sqlite:".length())));
        }
        if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            throw ZosException.invalid("unknown registry store '" + location.substring(0, location.indexOf(':'))
                    + "'; valid: postgres://…, sqlite:PATH or a file path");
        }
        return SqliteRegistryStore.open(Path.of(location));
    }

    /**
     * The store at {@code location} opened read-only and without the writer's lock, so it can be read while a grid
     * serves from it. Writing through it fails.
     */
    public static RegistryStore openForReading(String location) {
        if (location == null || location.isBlank()) {
            throw ZosException.invalid("registry location is empty; give a file path or postgres://user:pass@host:port/db");
        }
        if (location.startsWith("postgres://") || location.startsWith("postgresql://")
                || location.startsWith("jdbc:postgresql:")) {
            return PostgresRegistryStore.openForReading(location);
        }
        return SqliteRegistryStore.openForReading(Path.of(location.startsWith("sqlite:") ? location.substring("sqlite:".length()) : location));
    }

    /** The default embedded store inside a data directory. */
    public static RegistryStore openDefault(Path dataDir) {
        return SqliteRegistryStore.open(dataDir.resolve("registry.db"));
    }
}
