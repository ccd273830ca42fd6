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
import java.util.Map;
import java.util.function.UnaryOperator;

import org.sqlite.SQLiteConfig;

/**
 * Changes the tags and routes of an existing flist atomically: the change is made on a copy next to the
 * target, which then replaces the target with one rename. A failed or refused change leaves the flist as it was.
 */
public final class FlistEditor {

    private FlistEditor() {
    }

    /** Reads the tags and routes of {@code flist}. */
    public static FlistMetadata read(Path flist) {
        try (FlistReader r = FlistReader.open(flist)) {
            return new FlistMetadata(r.tags(), r.routes());
        }
    }

    /**
     * Applies {@code change} to the metadata of {@code source} and writes the result to {@code target}
     * ({@code target} may be {@code source}). Returns the metadata written.
     */
    public static FlistMetadata update(Path source, Path target, UnaryOperator<FlistMetadata> change) {
        FlistMetadata before = read(source);
        FlistMetadata after = change.apply(before);
        Path abs = target.toAbsolutePath();
        Path temp = abs.resolveSibling("." + abs.getFileName() + ".edit-" + ProcessHandle.current().pid()
                + "-" + System.nanoTime());
        try {
            Files.copy(source, temp, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
            write(temp, after);
            // the rename must not reach the disk before the edited content does
            try (var ch = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return after;
        } catch (IOException e) {
            throw ZosException.unavailable("cannot write flist " + abs + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // best effort: a stray temporary file never replaces the flist
            }
        }
    }

    /** {@link #update} in place. */
    public static FlistMetadata update(Path flist, UnaryOperator<FlistMetadata> change) {
        return update(flist, flist, change);
    }

    private static void write(Path file, FlistMetadata meta) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.DELETE);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties())) {
            db.setAutoCommit(false);
            try (Statement st = db.createStatement();
                 PreparedStatement tag = db.prepareStatement("insert into tag (key, value) values (?, ?)");
                 PreparedStatement route = db.prepareStatement("insert into route (start, end, url) values (?, ?, ?)")) {
                st.execute("delete from tag");
                st.execute("delete from route");
                for (Map.Entry<String, String> t : meta.tags().entrySet()) {
                    tag.setString(1, t.getKey());
                    tag.setString(2, t.getValue());
                    tag.executeUpdate();
                }
                for (Route r : meta.routes()) {
                    route.setInt(1, r.start());
                    route.setInt(2, r.end());
                    route.setString(3, r.url());
                    route.executeUpdate();
                }
            }
            db.commit();
        } catch (SQLException e) {
            throw new ZosException(ZosException.Kind.UNAVAILABLE, "cannot update flist " + file + ": " + e.getMessage(), e);
        }
    }
}
