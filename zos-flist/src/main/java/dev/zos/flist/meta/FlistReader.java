package dev.zos.flist.meta;

import dev.zos.core.ZosException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.sqlite.SQLiteConfig;

/**
 * Reads an {@code .fl} file (ours or one written by rfs). Opened read-only; methods are thread-safe.
 */
public final class FlistReader implements AutoCloseable {

    private static final String COLS = "select i.ino, i.parent, i.name, i.size, i.uid, i.gid, i.mode, i.rdev,"
            + " i.ctime, i.mtime, e.data from inode i left join extra e on i.ino = e.ino ";

    private final Path path;
    private final Connection db;
    private final PreparedStatement byIno;
    private final PreparedStatement children;
    private final PreparedStatement lookup;
    private final PreparedStatement blocks;

    private FlistReader(Path path, Connection db) throws SQLException {
        this.path = path;
        this.db = db;
        byIno = db.prepareStatement(COLS + "where i.ino = ?");
        children = db.prepareStatement(COLS + "where i.parent = ? order by i.rowid");
        lookup = db.prepareStatement(COLS + "where i.parent = ? and i.name = ? order by i.rowid limit 1");
        blocks = db.prepareStatement("select id, key from block where ino = ? order by rowid");
    }

    /** Opens an flist; fails with a clear INVALID error when the file is not an flist. */
    public static FlistReader open(Path path) {
        if (!Files.isRegularFile(path)) {
            throw ZosException.notFound("flist " + path + " does not exist or is not a regular file");
        }
        Connection db = null;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            db = DriverManager.getConnection("jdbc:sqlite:" + path.toAbsolutePath(), config.toProperties());
            Set<String> tables = new HashSet<>();
            try (var st = db.createStatement();
                 ResultSet rs = st.executeQuery("select name from sqlite_master where type = 'table'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            List<String> missing = new ArrayList<>();
            for (String t : Schema.REQUIRED_TABLES) {
                if (!tables.contains(t)) {
                    missing.add(t);
                }
            }
            if (!missing.isEmpty()) {
                throw ZosException.invalid(path + " is not an flist: missing table(s) " + String.join(", ", missing));
            }
            return new FlistReader(path, db);
        } catch (SQLException e) {
            closeQuietly(db);
            throw ZosException.invalid(path + " is not an flist (not a readable SQLite database: "
                    + e.getMessage() + ")");
        } catch (RuntimeException e) {
            closeQuietly(db);
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    /** The root inode (ino 1). */
    public Inode root() {
        return inode(Inode.ROOT).orElseThrow(() -> ZosException.invalid("flist " + path + " has no root inode (ino 1)"));
    }

    public synchronized Optional<Inode> inode(long ino) {
        try {
            byIno.setLong(1, ino);
            List<Inode> r = rows(byIno);
            return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
        } catch (SQLException e) {
            throw failed("inode " + ino, e);
        }
    }

    /** Children of a directory in the order they were written (rowid order). */
    public synchronized List<Inode> children(long ino) {
        try {
            children.setLong(1, ino);
            return rows(children);
        } catch (SQLException e) {
            throw failed("children of inode " + ino, e);
        }
    }

    public synchronized Optional<Inode> lookup(long parent, String name) {
        try {
            lookup.setLong(1, parent);
            lookup.setString(2, name);
            List<Inode> r = rows(lookup);
            return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
        } catch (SQLException e) {
            throw failed("entry " + name, e);
        }
    }

    /** Looks up an absolute or relative path ({@code /}, {@code /etc/passwd}, {@code etc/passwd}). */
    public Optional<Inode> lookup(String p) {
        Inode cur = root();
        for (String part : p.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (!cur.isDirectory()) {
                return Optional.empty();
            }
            Optional<Inode> next = lookup(cur.ino(), part);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            cur = next.get();
        }
        return Optional.of(cur);
    }

    /** Blocks of a file in order. */
    public synchronized List<BlockRef> blocks(long ino) {
        try {
            blocks.setLong(1, ino);
            List<BlockRef> out = new ArrayList<>();
            try (ResultSet rs = blocks.executeQuery()) {
                while (rs.next()) {
                    byte[] id = rs.getBytes(1);
                    byte[] key = rs.getBytes(2);
                    if (id == null || id.length != BlockRef.ID_LEN || key == null || key.length != BlockRef.KEY_LEN) {
                        throw ZosException.invalid("flist " + path + ": block " + out.size() + " of inode " + ino
                                + " has a malformed id or key (expected 32-byte blobs)");
                    }
                    out.add(new BlockRef(id, key));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed("blocks of inode " + ino, e);
        }
    }

    public synchronized Map<String, String> tags() {
        Map<String, String> out = new LinkedHashMap<>();
        try (var st = db.createStatement(); ResultSet rs = st.executeQuery("select key, value from tag order by rowid")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
            return out;
        } catch (SQLException e) {
            throw failed("tags", e);
        }
    }

    public Optional<String> tag(String key) {
        return Optional.ofNullable(tags().get(key));
    }

    public synchronized List<Route> routes() {
        List<Route> out = new ArrayList<>();
        try (var st = db.createStatement();
             ResultSet rs = st.executeQuery("select start, end, url from route order by rowid")) {
            while (rs.next()) {
                try {
                    out.add(new Route(rs.getInt(1), rs.getInt(2), rs.getString(3)));
                } catch (IllegalArgumentException e) {
                    throw ZosException.invalid("flist " + path + " has a bad route: " + e.getMessage());
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed("routes", e);
        }
    }

    /** Visitor for {@link #walk}; return {@code false} from a directory to skip its children. */
    @FunctionalInterface
    public interface Visitor {
        boolean visit(String path, Inode inode);
    }

    /**
     * Walks the tree depth-first from the root; paths are absolute ({@code /}, {@code /a}, {@code /a/b});
     * children in rowid order.
     */
    public void walk(Visitor visitor) {
        record Item(String path, Inode inode) {
        }
        Deque<Item> stack = new ArrayDeque<>();
        stack.push(new Item("/", root()));
        Set<Long> seen = new HashSet<>();
        while (!stack.isEmpty()) {
            Item it = stack.pop();
            if (!visitor.visit(it.path, it.inode) || !it.inode.isDirectory()) {
                continue;
            }
            if (!seen.add(it.inode.ino())) {
                throw ZosException.invalid("flist " + path + " has a directory cycle at " + it.path);
            }
            List<Inode> kids = children(it.inode.ino());
            String prefix = it.path.equals("/") ? "/" : it.path + "/";
            for (int i = kids.size() - 1; i >= 0; i--) {
                Inode k = kids.get(i);
                if (k.ino() == it.inode.ino()) {
                    continue;
                }
                stack.push(new Item(prefix + k.name(), k));
            }
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly(db);
    }

    private static List<Inode> rows(PreparedStatement ps) throws SQLException {
        List<Inode> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String name = rs.getString(3);
                out.add(new Inode(rs.getLong(1), rs.getLong(2), name == null ? "" : name, rs.getLong(4),
                        (int) rs.getLong(5), (int) rs.getLong(6), (int) rs.getLong(7), rs.getLong(8),
                        rs.getLong(9), rs.getLong(10), rs.getBytes(11)));
            }
        }
        return out;
    }

    private ZosException failed(String what, SQLException e) {
        return ZosException.invalid("cannot read " + what + " from flist " + path + ": " + e.getMessage());
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing to do
            }
        }
    }
}
