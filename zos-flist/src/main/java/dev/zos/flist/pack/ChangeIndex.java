package dev.zos.flist.pack;

import dev.zos.core.ZosException;
import dev.zos.flist.meta.BlockRef;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.sqlite.SQLiteConfig;

/**
 * A local SQLite file mapping a packed file's path and stat data to its blocks. The next pack reads the
 * previous index and reuses the blocks of files whose device, inode, size, mtime and ctime (nanoseconds)
 * are unchanged, instead of reading and hashing them again; it writes a fresh index as it goes.
 * A corrupt or foreign index file is ignored (it is only a cache).
 */
final class ChangeIndex implements AutoCloseable {

    private static final String DDL = "CREATE TABLE file (path TEXT PRIMARY KEY, dev INTEGER, ino INTEGER,"
            + " size INTEGER, mtime INTEGER, ctime INTEGER, blocks BLOB) WITHOUT ROWID";

    private final Path path;
    private final Path temp;
    private final Connection old;
    private final PreparedStatement oldLookup;
    private final Connection fresh;
    private final PreparedStatement insert;
    private boolean closed;

    private ChangeIndex(Path path, Path temp, Connection old, Connection fresh) throws SQLException {
        this.path = path;
        this.temp = temp;
        this.old = old;
        this.oldLookup = old == null ? null
                : old.prepareStatement("select dev, ino, size, mtime, ctime, blocks from file where path = ?");
        this.fresh = fresh;
        this.insert = fresh.prepareStatement("insert or replace into file values (?, ?, ?, ?, ?, ?, ?)");
    }

    static ChangeIndex open(Path path) {
        Path abs = path.toAbsolutePath();
        Connection old = null;
        if (Files.isRegularFile(abs)) {
            try {
                SQLiteConfig cfg = new SQLiteConfig();
                cfg.setReadOnly(true);
                old = DriverManager.getConnection("jdbc:sqlite:" + abs, cfg.toProperties());
                try (Statement st = old.createStatement()) {
                    st.executeQuery("select path, dev, ino, size, mtime, ctime, blocks from file limit 1").close();
                }
            } catch (SQLException e) {
                close(old);
                old = null;
            }
        }
        Path temp = abs.resolveSibling("." + abs.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(abs.getParent());
            Files.deleteIfExists(temp);
            SQLiteConfig fc = new SQLiteConfig();
            fc.setGetGeneratedKeys(false);
            Connection fresh = DriverManager.getConnection("jdbc:sqlite:" + temp, fc.toProperties());
            try (Statement st = fresh.createStatement()) {
                st.execute("PRAGMA journal_mode=OFF");
                st.execute("PRAGMA synchronous=OFF");
                st.execute(DDL);
            }
            fresh.setAutoCommit(false);
            return new ChangeIndex(abs, temp, old, fresh);
        } catch (SQLException | IOException e) {
            close(old);
            throw ZosException.unavailable("cannot create pack change index " + abs + ": " + e.getMessage(), e);
        }
    }

    /** Blocks of {@code rel} from the previous pack when its stat data is unchanged, else null. */
    synchronized List<BlockRef> lookup(String rel, FileStat st) {
        if (oldLookup == null) {
            return null;
        }
        try {
            oldLookup.setString(1, rel);
            try (ResultSet rs = oldLookup.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                if (rs.getLong(1) != st.dev() || rs.getLong(2) != st.ino() || rs.getLong(3) != st.size()
                        || rs.getLong(4) != st.mtimeNanos() || rs.getLong(5) != st.ctimeNanos()) {
                    return null;
                }
                byte[] blob = rs.getBytes(6);
                if (blob == null || blob.length % 64 != 0) {
                    return null;
                }
                List<BlockRef> out = new ArrayList<>(blob.length / 64);
                for (int i = 0; i < blob.length; i += 64) {
                    out.add(new BlockRef(Arrays.copyOfRange(blob, i, i + 32), Arrays.copyOfRange(blob, i + 32, i + 64)));
                }
                return out;
            }
        } catch (SQLException e) {
            return null;
        }
    }

    synchronized void record(String rel, FileStat st, BlockRef[] blocks) {
        byte[] blob = new byte[blocks.length * 64];
        for (int i = 0; i < blocks.length; i++) {
            System.arraycopy(blocks[i].id(), 0, blob, i * 64, 32);
            System.arraycopy(blocks[i].key(), 0, blob, i * 64 + 32, 32);
        }
        try {
            insert.setString(1, rel);
            insert.setLong(2, st.dev());
            insert.setLong(3, st.ino());
            insert.setLong(4, st.size());
            insert.setLong(5, st.mtimeNanos());
            insert.setLong(6, st.ctimeNanos());
            insert.setBytes(7, blob);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new ZosException(ZosException.Kind.INTERNAL, "cannot write pack change index " + path + ": "
                    + e.getMessage(), e);
        }
    }

    /** Replaces the previous index with the one written during this pack. */
    synchronized void commit() {
        if (closed) {
            return;
        }
        closed = true;
        close(old);
        try {
            fresh.commit();
            fresh.close();
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (SQLException | IOException e) {
            throw ZosException.unavailable("cannot write pack change index " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        close(old);
        close(fresh);
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing to do
            }
        }
    }
}
