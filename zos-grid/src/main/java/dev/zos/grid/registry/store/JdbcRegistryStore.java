package dev.zos.grid.registry.store;

import dev.zos.core.ZosException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/** The SQL both stores share; subclasses supply the connection, the blob type and any locking. */
abstract class JdbcRegistryStore implements RegistryStore {
    private static final String STATE_INDEX = "state_index";
    protected final Connection connection;

    protected JdbcRegistryStore(Connection connection, String blobType) {
        this(connection, blobType, true);
    }

    /** {@code prepareTables} false: opened for reading, the database is left exactly as it is. */
    protected JdbcRegistryStore(Connection connection, String blobType, boolean prepareTables) {
        this.connection = connection;
        try {
            connection.setAutoCommit(false);
            if (!prepareTables) {
                return;
            }
            try (var st = connection.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS registry_log (idx BIGINT PRIMARY KEY, prev_hash " + blobType
                        + " NOT NULL, tx " + blobType + " NOT NULL, signature " + blobType + " NOT NULL, hash "
                        + blobType + " NOT NULL)");
                st.execute("CREATE TABLE IF NOT EXISTS registry_meta (name VARCHAR(64) PRIMARY KEY, value BIGINT NOT NULL)");
                for (var kind : EntityKind.values()) {
                    st.execute("CREATE TABLE IF NOT EXISTS " + kind.table() + " (id BIGINT PRIMARY KEY, doc TEXT NOT NULL)");
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw fail("cannot prepare the registry tables", e);
        }
    }

    @Override
    public synchronized void readLog(long from, long to, Consumer<LogEntry> visitor) {
        try (var ps = connection.prepareStatement(
                "SELECT idx, prev_hash, tx, signature, hash FROM registry_log WHERE idx >= ? AND idx <= ? ORDER BY idx")) {
            ps.setFetchSize(1000);
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    visitor.accept(new LogEntry(rs.getLong(1), rs.getBytes(2), rs.getBytes(3), rs.getBytes(4),
                            rs.getBytes(5)));
                }
            }
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw fail("cannot read the registry log", e);
        }
    }

    @Override
    public synchronized long head() {
        return queryLong("SELECT COALESCE(MAX(idx), 0) FROM registry_log", 0);
    }

    @Override
    public synchronized long stateIndex() {
        return queryLong("SELECT value FROM registry_meta WHERE name = '" + STATE_INDEX + "'", -1);
    }

    @Override
    public synchronized void append(List<LogEntry> entries, List<EntityRow> rows) {
        try {
            try (var ps = connection.prepareStatement(
                    "INSERT INTO registry_log (idx, prev_hash, tx, signature, hash) VALUES (?, ?, ?, ?, ?)")) {
                for (var e : entries) {
                    ps.setLong(1, e.index());
                    ps.setBytes(2, e.prevHash());
                    ps.setBytes(3, e.tx());
                    ps.setBytes(4, e.signature());
                    ps.setBytes(5, e.hash());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            writeRows(rows, true);
            if (!entries.isEmpty()) {
                setStateIndex(entries.getLast().index());
            }
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw fail("cannot append to the registry log", e);
        }
    }

    @Override
    public synchronized void replaceState(List<EntityRow> rows, long index) {
        try {
            try (var st = connection.createStatement()) {
                for (var kind : EntityKind.values()) {
                    st.execute("DELETE FROM " + kind.table());
                }
            }
            writeRows(rows, false);
            setStateIndex(index);
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw fail("cannot rebuild the registry state tables", e);
        }
    }

    private void writeRows(List<EntityRow> rows, boolean upsert) throws SQLException {
        for (var kind : EntityKind.values()) {
            PreparedStatement ps = null;
            try {
                for (var row : rows) {
                    if (row.kind() != kind) {
                        continue;
                    }
                    if (ps == null) {
                        ps = connection.prepareStatement("INSERT INTO " + kind.table() + " (id, doc) VALUES (?, ?)"
                                + (upsert ? " ON CONFLICT (id) DO UPDATE SET doc = excluded.doc" : ""));
                    }
                    ps.setLong(1, row.id());
                    ps.setString(2, row.json());
                    ps.addBatch();
                }
                if (ps != null) {
                    ps.executeBatch();
                }
            } finally {
                if (ps != null) {
                    ps.close();
                }
            }
        }
    }

    private void setStateIndex(long index) throws SQLException {
        try (var ps = connection.prepareStatement("INSERT INTO registry_meta (name, value) VALUES (?, ?) "
                + "ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, STATE_INDEX);
            ps.setLong(2, index);
            ps.executeUpdate();
        }
    }

    private long queryLong(String sql, long absent) {
        try (var st = connection.createStatement(); var rs = st.executeQuery(sql)) {
            long v = rs.next() ? rs.getLong(1) : absent;
            connection.commit();
            return v;
        } catch (SQLException e) {
            rollbackQuietly();
            throw fail("cannot read the registry store", e);
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the original failure is what the caller reports
        }
    }

    protected ZosException fail(String what, SQLException e) {
        return ZosException.unavailable(what + " (" + describe() + "): " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing: nothing left to do
        }
    }
}
