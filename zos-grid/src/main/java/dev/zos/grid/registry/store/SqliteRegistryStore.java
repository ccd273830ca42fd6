package dev.zos.grid.registry.store;

import dev.zos.core.ZosException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The embedded default: one SQLite file in WAL mode with {@code synchronous=FULL}, so a commit is on disk
 * when it returns. A lock file next to it keeps a second process from writing the same log.
 */
public final class SqliteRegistryStore extends JdbcRegistryStore {
    public static final String SCHEME = "sqlite";
    private final Path file;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private SqliteRegistryStore(Path file, Connection connection, FileChannel lockChannel, FileLock lock) {
        super(connection, "BLOB", lock != null); // no lock: opened for reading, the file is left as it is
        this.file = file;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    public static SqliteRegistryStore open(Path file) {
        FileChannel channel = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            channel = FileChannel.open(Path.of(file + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new ZosException(ZosException.Kind.CONFLICT,
                        "registry " + file + " is already open in another process; stop it first");
            }
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (var st = c.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=FULL");
                st.execute("PRAGMA busy_timeout=10000");
            }
            return new SqliteRegistryStore(file, c, channel, lock);
        } catch (IOException | SQLException e) {
            closeQuietly(channel);
            throw ZosException.unavailable("cannot open registry " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens {@code file} read-only and without the writer's lock, for checks that run next to a serving grid: WAL
     * lets a reader see a consistent snapshot per query while the writer appends.
     */
    public static SqliteRegistryStore openForReading(Path file) {
        if (!Files.isRegularFile(file)) {
            throw ZosException.notFound("no registry at " + file);
        }
        try {
            var config = new org.sqlite.SQLiteConfig();
            config.setReadOnly(true);
            config.setBusyTimeout(10_000);
            Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            return new SqliteRegistryStore(file, c, null, null);
        } catch (SQLException e) {
            throw ZosException.unavailable("cannot open registry " + file + " for reading: " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public String describe() {
        return "sqlite " + file;
    }

    @Override
    public synchronized void close() {
        super.close();
        if (lock == null) {
            return; // opened for reading: no lock taken
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel close below releases it too
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
