package dev.zos.flist.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlistMetaTest {

    @TempDir
    Path tmp;

    private static Inode dir(long parent, String name) {
        return new Inode(0, parent, name, 4096, 0, 0, 040755, 0, 1, 2, null);
    }

    private Path sample() {
        Path fl = tmp.resolve("a.fl");
        try (FlistWriter w = FlistWriter.create(fl)) {
            long root = w.inode(dir(0, "/"));
            assertThat(root).isEqualTo(1);
            long etc = w.inode(dir(root, "etc"));
            w.inode(dir(root, "bin"));
            long f = w.inode(new Inode(0, etc, "passwd", 10, 1000, 2000, 0100644, 0, 5, 6, null));
            w.inode(new Inode(0, etc, "link", 6, 0, 0, 0120777, 0, 5, 6, "passwd".getBytes(StandardCharsets.UTF_8)));
            byte[] id = new byte[32];
            byte[] key = new byte[32];
            for (int i = 0; i < 3; i++) {
                id[0] = (byte) (9 - i);
                key[0] = (byte) i;
                w.block(f, new BlockRef(id.clone(), key.clone()));
            }
            w.tag("version", "1");
            w.tag("author", "me");
            w.tag("author", "you");
            w.route(new Route(0, 127, "dir:///a"));
            w.route(new Route(128, 255, "zdb://hub"));
        }
        return fl;
    }

    @Test
    void schemaIsExactlyRfsAndJournalModeIsDelete() throws Exception {
        Path fl = sample();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + fl); Statement st = c.createStatement()) {
            List<String> sql = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select sql from sqlite_master where sql is not null and name != 'sqlite_sequence' order by rowid")) {
                while (rs.next()) {
                    sql.add(rs.getString(1));
                }
            }
            assertThat(sql).containsExactlyElementsOf(Schema.STATEMENTS);
            assertThat(sql.get(0)).isEqualTo("CREATE TABLE inode (\n    ino INTEGER PRIMARY KEY AUTOINCREMENT,\n"
                    + "    parent INTEGER,\n    name VARCHAR(255),\n    size INTEGER,\n    uid INTEGER,\n    gid INTEGER,\n"
                    + "    mode INTEGER,\n    rdev INTEGER,\n    ctime INTEGER,\n    mtime INTEGER\n)");
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.getString(1)).isEqualTo("delete");
            }
            try (ResultSet rs = st.executeQuery("select typeof(id), typeof(key), length(id) from block limit 1")) {
                assertThat(rs.getString(1)).isEqualTo("blob");
                assertThat(rs.getString(2)).isEqualTo("blob");
                assertThat(rs.getInt(3)).isEqualTo(32);
            }
            try (ResultSet rs = st.executeQuery("select typeof(data) from extra")) {
                assertThat(rs.getString(1)).isEqualTo("blob");
            }
        }
        assertThat(Files.list(tmp).map(p -> p.getFileName().toString()).toList()).containsExactly("a.fl");
    }

    @Test
    void readerAnswersEverything() {
        try (FlistReader r = FlistReader.open(sample())) {
            assertThat(r.root().name()).isEqualTo("/");
            assertThat(r.children(1).stream().map(Inode::name)).containsExactly("etc", "bin");
            Inode passwd = r.lookup("/etc/passwd").orElseThrow();
            assertThat(passwd.uid()).isEqualTo(1000);
            assertThat(passwd.gid()).isEqualTo(2000);
            assertThat(passwd.type()).isEqualTo(FileType.REGULAR);
            assertThat(r.blocks(passwd.ino())).extracting(b -> (int) b.key()[0]).containsExactly(0, 1, 2);
            assertThat(r.lookup("etc/link").orElseThrow().linkTarget()).isEqualTo("passwd");
            assertThat(r.lookup("/nope")).isEmpty();
            assertThat(r.lookup("/etc/passwd/x")).isEmpty();
            assertThat(r.tags()).containsExactlyInAnyOrderEntriesOf(Map.of("version", "1", "author", "you"));
            assertThat(r.routes()).containsExactly(new Route(0, 127, "dir:///a"), new Route(128, 255, "zdb://hub"));
            List<String> paths = new ArrayList<>();
            r.walk((p, i) -> {
                paths.add(p);
                return true;
            });
            assertThat(paths).containsExactly("/", "/etc", "/etc/passwd", "/etc/link", "/bin");
        }
    }

    @Test
    void acceptsTextSymlinkTargetsAsRfsWritesThem() throws Exception {
        Path fl = sample();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + fl); Statement st = c.createStatement()) {
            st.execute("update extra set data = 'other'");
        }
        try (FlistReader r = FlistReader.open(fl)) {
            assertThat(r.lookup("/etc/link").orElseThrow().linkTarget()).isEqualTo("other");
        }
    }

    @Test
    void notAnFlistIsAClearError() throws Exception {
        Path junk = tmp.resolve("junk.fl");
        byte[] bytes = new byte[4096];
        Arrays.fill(bytes, (byte) 'x');
        Files.write(junk, bytes);
        assertThatThrownBy(() -> FlistReader.open(junk)).isInstanceOf(ZosException.class)
                .hasMessageContaining("is not an flist");
        Path other = tmp.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other); Statement st = c.createStatement()) {
            st.execute("create table inode (ino integer)");
        }
        assertThatThrownBy(() -> FlistReader.open(other)).isInstanceOf(ZosException.class)
                .hasMessageContaining("missing table(s) extra, block, tag, route");
        assertThatThrownBy(() -> FlistReader.open(tmp.resolve("missing.fl")))
                .isInstanceOf(ZosException.class).hasMessageContaining("does not exist");
    }

    @Test
    void malformedBlockRowsAreRejected() throws Exception {
        Path fl = sample();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + fl); Statement st = c.createStatement()) {
            st.execute("update block set id = x'0102'");
        }
        try (FlistReader r = FlistReader.open(fl)) {
            long ino = r.lookup("/etc/passwd").orElseThrow().ino();
            assertThatThrownBy(() -> r.blocks(ino)).isInstanceOf(ZosException.class).hasMessageContaining("malformed");
        }
    }

    @Test
    void abortLeavesNothing() {
        Path fl = tmp.resolve("b.fl");
        FlistWriter w = FlistWriter.create(fl);
        w.inode(dir(0, "/"));
        w.abort();
        assertThat(tmp).isEmptyDirectory();
    }
}
