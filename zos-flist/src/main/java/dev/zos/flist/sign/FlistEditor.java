package dev.zos.flist.sign;

import dev.zos.core.ZosException;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flist.meta.Route;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sqlite.SQLiteConfig;

/**
 * Changes the tags and routes of an existing flist without touching its tree: the edit is made on a copy
 * next to the target, which then replaces the target by rename, so a reader sees the old flist or the new.
 */
public final class FlistEditor {
    private FlistEditor() {
    }

    /** What to change; null routes keep the routes. */
    public record Edit(Map<String, String> setTags, Set<String> removeTags, List<Route> routes) {
        public Edit {
            setTags = setTags == null ? Map.of() : Map.copyOf(setTags);
            removeTags = removeTags == null ? Set.of() : Set.copyOf(removeTags);
            routes = routes == null ? null : List.copyOf(routes);
        }
    }

    /** Writes {@code source} with {@code edit} applied to {@code target} (which may be {@code source}). */
    public static void edit(Path source, Path target, Edit edit) {
        try (FlistReader ignored = FlistReader.open(source)) {
            // validates that the source is an flist before anything is written
        }
        Path abs = target.toAbsolutePath();
        Path temp = abs.resolveSibling("." + abs.getFileName() + ".edit-" + ProcessHandle.current().pid() + "-"
                + System.nanoTime());
        try {
            Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.DELETE);
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + temp, config.toProperties())) {
                db.setAutoCommit(false);
                try (PreparedStatement del = db.prepareStatement("delete from tag where key = ?");
                     PreparedStatement put = db.prepareStatement("insert or replace into tag (key, value) values (?, ?)")) {
                    for (String key : edit.removeTags()) {
                        del.setString(1, key);
                        del.executeUpdate();
                    }
                    for (var e : edit.setTags().entrySet()) {
                        put.setString(1, e.getKey());
                        put.setString(2, e.getValue());
                        put.executeUpdate();
                    }
                }
                if (edit.routes() != null) {
                    try (Statement st = db.createStatement();
                         PreparedStatement ins = db.prepareStatement("insert into route (start, end, url) values (?, ?, ?)")) {
                        st.executeUpdate("delete from route");
                        for (Route r : edit.routes()) {
                            ins.setInt(1, r.start());
                            ins.setInt(2, r.end());
                            ins.setString(3, r.url());
                            ins.executeUpdate();
                        }
                    }
                }
                db.commit();
            }
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (SQLException e) {
            deleteQuietly(temp);
            throw ZosException.invalid("cannot edit flist " + source + ": " + e.getMessage());
        } catch (IOException e) {
            deleteQuietly(temp);
            throw ZosException.unavailable("cannot write flist " + abs + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
            Files.deleteIfExists(p.resolveSibling(p.getFileName() + "-journal"));
        } catch (IOException ignored) {
            // best effort
        }
    }
}
