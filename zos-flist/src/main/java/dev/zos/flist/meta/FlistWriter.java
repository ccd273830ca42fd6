package dev.zos.flist.meta;

import dev.zos.core.ZosException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import org.sqlite.SQLiteConfig;

/**
 * Writes a new {@code .fl} file. All rows go into one transaction; the file appears at its final path only
 * when {@link #close()} commits (it is written next to it under a temporary name until then).
 * Methods are thread-safe (synchronized); block rows may be added from several threads.
 */
public final class FlistWriter implements AutoCloseable {

    private final Path target;
    private final Path temp;
    private final Connection db;
    private final PreparedStatement insInode;
    private final PreparedStatement insInodeAuto;
    private final PreparedStatement insExtra;
    private final PreparedStatement insBlock;
    private final PreparedStatement insBlockAt;
    private final PreparedStatement insTag;
    private final PreparedStatement insRoute;
    private long nextIno = Inode.ROOT;
    private boolean closed;

    private FlistWriter(Path target, Path temp, Connection db) throws SQLException {
        this.target = target;
        this.temp = temp;
        this.db = db;
        insInode = db.prepareStatement("insert into inode (ino, parent, name, size, uid, gid, mode, rdev, ctime, mtime)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insInodeAuto = db.prepareStatement("insert into inode (parent, name, size, uid, gid, mode, rdev, ctime, mtime)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insExtra = db.prepareStatement("insert into extra (ino, data) values (?, ?)");
        insBlock = db.prepareStatement("insert into block (ino, id, key) values (?, ?, ?)");
        insBlockAt = db.prepareStatement("insert into block (rowid, ino, id, key) values (?, ?, ?, ?)");
        insTag = db.prepareStatement("insert or replace into tag (key, value) values (?, ?)");
        insRoute = db.prepareStatement("insert into route (start, end, url) values (?, ?, ?)");
    }

    /** Creates (or replaces, on commit) the flist at {@code path}. */
    public static FlistWriter create(Path path) {
        Path abs = path.toAbsolutePath();
        Path temp = abs.resolveSibling("." + abs.getFileName() + ".tmp-" + ProcessHandle.current().pid()
                + "-" + System.nanoTime());
        try {
            Files.deleteIfExists(temp);
            SQLiteConfig config = new SQLiteConfig();
            config.setGetGeneratedKeys(false);
            config.setJournalMode(SQLiteConfig.JournalMode.DELETE);
            config.setSynchronous(SQLiteConfig.SynchronousMode.OFF);
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + temp, config.toProperties());
            try (Statement st = db.createStatement()) {
                st.execute("PRAGMA journal_mode=DELETE");
                st.execute("PRAGMA synchronous=OFF");
                for (String ddl : Schema.STATEMENTS) {
                    st.execute(ddl);
                }
            }
            db.setAutoCommit(false);
            return new FlistWriter(abs, temp, db);
        } catch (SQLException | IOException e) {
            throw new ZosException(ZosException.Kind.UNAVAILABLE,
                    "cannot create flist " + abs + ": " + e.getMessage(), e);
        }
    }

    /** The path the flist is written to on commit. */
    public Path path() {
        return target;
    }

    /** Reserves {@code count} consecutive inode numbers and returns the first. */
    public synchronized long reserveInodes(int count) {
        long first = nextIno;
        nextIno += count;
        return first;
    }

    /**
     * Adds an inode. When {@code inode.ino()} is 0 the next free number is assigned; otherwise the given
     * number is used (it must come from {@link #reserveInodes} or be otherwise unique). Returns the ino.
     */
    public synchronized long inode(Inode inode) {
        try {
            long ino = inode.ino();
            if (ino == 0) {
                ino = nextIno++;
            } else if (ino >= nextIno) {
                nextIno = ino + 1;
            }
            PreparedStatement ps = insInode;
            ps.setLong(1, ino);
            ps.setLong(2, inode.parent());
            ps.setString(3, inode.name());
            ps.setLong(4, inode.size());
            ps.setLong(5, Integer.toUnsignedLong(inode.uid()));
            ps.setLong(6, Integer.toUnsignedLong(inode.gid()));
            ps.setLong(7, Integer.toUnsignedLong(inode.mode()));
            ps.setLong(8, inode.rdev());
            ps.setLong(9, inode.ctime());
            ps.setLong(10, inode.mtime());
            ps.executeUpdate();
            if (inode.data() != null) {
                insExtra.setLong(1, ino);
                insExtra.setBytes(2, inode.data());
                insExtra.executeUpdate();
            }
            return ino;
        } catch (SQLException e) {
            throw failed("inode " + inode.name(), e);
        }
    }

    /** Appends a block to a file; blocks of one inode must be added in order. */
    public synchronized void block(long ino, BlockRef block) {
        try {
            insBlock.setLong(1, ino);
            insBlock.setBytes(2, block.id());
            insBlock.setBytes(3, block.key());
            insBlock.executeUpdate();
        } catch (SQLException e) {
            throw failed("block of inode " + ino, e);
        }
    }

    /**
     * Adds a block at an explicit row id. Readers order a file's blocks by row id, so a packer that reserves
     * row ranges may add blocks of one file from several threads in any order.
     */
    public synchronized void blockAt(long rowid, long ino, BlockRef block) {
        try {
            insBlockAt.setLong(1, rowid);
            insBlockAt.setLong(2, ino);
            insBlockAt.setBytes(3, block.id());
            insBlockAt.setBytes(4, block.key());
            insBlockAt.executeUpdate();
        } catch (SQLException e) {
            throw failed("block of inode " + ino, e);
        }
    }

    /** Sets a tag (replacing an earlier value of the same key). */
    public synchronized void tag(String key, String value) {
        try {
            insTag.setString(1, key);
            insTag.setString(2, value);
            insTag.executeUpdate();
        } catch (SQLException e) {
            throw failed("tag " + key, e);
        }
    }

    public synchronized void route(Route route) {
        try {
            insRoute.setInt(1, route.start());
            insRoute.setInt(2, route.end());
            insRoute.setString(3, route.url());
            insRoute.executeUpdate();
        } catch (SQLException e) {
            throw failed("route " + route.url(), e);
        }
    }

    /** Discards everything written; the target path is left untouched. */
    public synchronized void abort() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            db.rollback();
            db.close();
        } catch (SQLException ignored) {
            // best effort
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** Commits and moves the file into place. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            db.commit();
            db.close();
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (SQLException | IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // best effort
            }
            throw new ZosException(ZosException.Kind.UNAVAILABLE,
                    "cannot write flist " + target + ": " + e.getMessage(), e);
        }
    }

    private ZosException failed(String what, SQLException e) {
        return new ZosException(ZosException.Kind.INTERNAL,
                "cannot write " + what + " to flist " + target + ": " + e.getMessage(), e);
    }
}
