package dev.zos.flist.sign;

import dev.zos.core.ZosException;
import dev.zos.flist.meta.FlistReader;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

import org.sqlite.SQLiteConfig;

/**
 * The canonical digest of an flist's content (docs/formats/hub.md, "Flist signatures"): SHA-256 over every
 * inode in {@code ino} order (all columns and its {@code extra} data), every block row in rowid order and
 * every tag sorted by key, except the signature tags. Routes are left out on purpose: they say where
 * blocks live, not what the flist holds (block ids and keys already pin every byte), so a hub or mirror may
 * re-route a signed flist without breaking its signature.
 */
public final class FlistDigest {
    static final String DOMAIN = "zos-flist-digest-v1";

    private FlistDigest() {
    }

    /** Whether a tag is part of a signature and so excluded from the digest. */
    public static boolean isSignatureTag(String key) {
        return key != null && (key.equals(FlistSignatures.SIGNATURE_TAG) || key.startsWith(FlistSignatures.SIGNATURE_TAG + "."));
    }

    /** The 32-byte digest of {@code flist}. */
    public static byte[] of(Path flist) {
        try (FlistReader ignored = FlistReader.open(flist)) {
            // validates the schema with a clear error first
        }
        MessageDigest sha = sha256();
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + flist.toAbsolutePath(), config.toProperties());
             DataOutputStream out = new DataOutputStream(new DigestOutputStream(OutputStream.nullOutputStream(), sha));
             Statement st = db.createStatement()) {
            out.write((DOMAIN + "\n").getBytes(StandardCharsets.UTF_8));
            try (ResultSet rs = st.executeQuery("select i.ino, i.parent, i.name, i.size, i.uid, i.gid, i.mode, i.rdev,"
                    + " i.ctime, i.mtime, e.data from inode i left join extra e on i.ino = e.ino order by i.ino")) {
                while (rs.next()) {
                    out.writeByte('I');
                    for (int col : new int[] {1, 2}) {
                        out.writeLong(rs.getLong(col));
                    }
                    bytes(out, rs.getBytes(3));
                    for (int col = 4; col <= 10; col++) {
                        out.writeLong(rs.getLong(col));
                    }
                    bytes(out, rs.getBytes(11));
                }
            }
            try (ResultSet rs = st.executeQuery("select ino, id, key from block order by rowid")) {
                while (rs.next()) {
                    out.writeByte('B');
                    out.writeLong(rs.getLong(1));
                    bytes(out, rs.getBytes(2));
                    bytes(out, rs.getBytes(3));
                }
            }
            Map<String, byte[]> tags = new TreeMap<>();
            try (ResultSet rs = st.executeQuery("select key, value from tag")) {
                while (rs.next()) {
                    String key = rs.getString(1);
                    if (key != null && !isSignatureTag(key)) {
                        tags.put(key, rs.getBytes(2));
                    }
                }
            }
            for (var e : tags.entrySet()) {
                out.writeByte('T');
                bytes(out, e.getKey().getBytes(StandardCharsets.UTF_8));
                bytes(out, e.getValue());
            }
        } catch (SQLException e) {
            throw ZosException.invalid("cannot read flist " + flist + " to digest it: " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException("digest stream failed", e);
        }
        return sha.digest();
    }

    /** A length-prefixed byte string; -1 for SQL NULL, so NULL and empty differ. */
    private static void bytes(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(value.length);
        out.write(value);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
