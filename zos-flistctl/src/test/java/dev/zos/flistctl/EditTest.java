package dev.zos.flistctl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tag, store, clone and diff through the real command line; bad input changes nothing. */
class EditTest {

    @TempDir
    Path tmp;
    Flistctl cli;
    Path tree;
    Path store;
    Path fl;

    @BeforeEach
    void packASmallTree() throws Exception {
        cli = new Flistctl(tmp.resolve("home"));
        tree = tmp.resolve("tree");
        Files.createDirectories(tree.resolve("etc"));
        Files.writeString(tree.resolve("etc/hostname"), "box\n");
        Files.write(tree.resolve("big"), dev.zos.flist.pack.Trees.random(1, 700_000));
        Files.createSymbolicLink(tree.resolve("link"), Path.of("etc/hostname"));
        store = tmp.resolve("store");
        fl = tmp.resolve("small.fl");
        cli.ok("pack", "-m", fl.toString(), "-s", "dir://" + store, "-t", "version=1", tree.toString());
    }

    @Test
    void tagsAreListedAddedAndDeleted() {
        assertThat(cli.json("tag", "list", "-m", fl.toString(), "-o", "json").toString()).isEqualTo("{\"version\":\"1\"}");
        cli.ok("tag", "add", "-m", fl.toString(), "-t", "author=me", "--tag", "description=a = b", "-t", "version=2");
        JsonNode tags = cli.json("tag", "list", "-m", fl.toString(), "-o", "json");
        assertThat(tags.toString()).isEqualTo("{\"version\":\"2\",\"author\":\"me\",\"description\":\"a = b\"}");
        assertThat(cli.ok("tag", "list", "-m", fl.toString()).out()).contains("author").contains("a = b");
        cli.ok("tag", "delete", "-m", fl.toString(), "-k", "author");
        assertThat(cli.json("tag", "list", "-m", fl.toString(), "-o", "json").has("author")).isFalse();
        cli.ok("tag", "delete", "-m", fl.toString(), "--all");
        assertThat(cli.json("tag", "list", "-m", fl.toString(), "-o", "json")).isEmpty();
    }

    @Test
    void storesAreListedAddedAndDeletedWithPasswordsHidden() {
        cli.ok("store", "add", "-m", fl.toString(), "-s", "00-7f=http://user:pw@127.0.0.1:1/blocks",
                "--no-strip-password");
        cli.ok("store", "add", "-m", fl.toString(), "-s", "80-ff=https://mirror.example/blocks");
        String list = cli.ok("store", "list", "-m", fl.toString()).out();
        assertThat(list).contains("00-ff  dir://" + store).contains("00-7f  http://user:***@127.0.0.1:1/blocks")
                .contains("80-ff  https://mirror.example/blocks").doesNotContain("pw");
        assertThat(cli.ok("store", "list", "-m", fl.toString(), "--show-password").out())
                .contains("http://user:pw@127.0.0.1:1/blocks");
        JsonNode routes = cli.json("store", "list", "-m", fl.toString(), "-o", "json");
        assertThat(routes).hasSize(3);
        assertThat(routes.get(1).get("start").asInt()).isZero();
        assertThat(routes.get(1).get("end").asInt()).isEqualTo(0x7f);

        cli.ok("store", "delete", "-m", fl.toString(), "-s", "http://user@127.0.0.1:1/blocks");
        assertThat(cli.json("store", "list", "-m", fl.toString(), "-o", "json")).hasSize(2);
        cli.ok("store", "delete", "-m", fl.toString(), "--all");
        assertThat(cli.json("store", "list", "-m", fl.toString(), "-o", "json")).isEmpty();
        assertThat(cli.fails("verify", "-m", fl.toString())).contains("has no routes").contains("-s STORE");
    }

    @Test
    void cloneCopiesEveryBlockAndRewritesTheRoutes() throws Exception {
        Path a = tmp.resolve("new-a");
        Path b = tmp.resolve("new-b");
        Path out = tmp.resolve("cloned.fl");
        byte[] before = Files.readAllBytes(fl);
        var r = cli.ok("clone", "-m", fl.toString(), "-s", "00-7f=dir://" + a, "-s", "80-ff=dir://" + b,
                "-o", out.toString());
        assertThat(r.out()).startsWith("cloned " + fl + " to " + out + ": 3 blocks (3 copied");
        assertThat(Files.readAllBytes(fl)).as("the source flist is untouched with -o").isEqualTo(before);
        assertThat(cli.ok("store", "list", "-m", out.toString()).out())
                .contains("00-7f  dir://" + a).contains("80-ff  dir://" + b).doesNotContain("dir://" + store);
        // the clone stands on its own: the old store can go
        RoundTripTest.copyTree(store, tmp.resolve("old"));
        deleteTree(store);
        cli.ok("verify", "-m", out.toString());
        assertThat(cli.ok("diff", "-m", fl.toString(), "-m", out.toString()).out()).isEmpty();
        var c = Flistctl.cat(cli, "cat", "-m", out.toString(), "/big");
        assertThat(c.bytes()).isEqualTo(Files.readAllBytes(tree.resolve("big")));
        // in place, into stores that already hold everything
        var again = cli.ok("clone", "-m", out.toString(), "-s", "dir://" + a, "--from", "00-7f=dir://" + a,
                "--from", "80-ff=dir://" + b);
        assertThat(again.out()).contains("already there");
    }

    @Test
    void cloneFromAStoreThatIsDownChangesNothing() throws Exception {
        byte[] before = Files.readAllBytes(fl);
        String down = "http://127.0.0.1:" + Flistctl.closedPort();
        assertThat(cli.fails("clone", "-m", fl.toString(), "-s", "dir://" + tmp.resolve("new"), "--from", down))
                .contains("the flist is unchanged").contains("store " + down);
        assertThat(Files.readAllBytes(fl)).isEqualTo(before);
    }

    @Test
    void cloneNeverSpreadsACorruptBlock() throws Exception {
        String id = cli.json("stat", "-m", fl.toString(), "-o", "json", "/etc/hostname").get("blocks").get(0).asText();
        Path block = store.resolve(id.substring(0, 2)).resolve(id);
        byte[] b = Files.readAllBytes(block);
        b[0] ^= 1;
        Files.write(block, b);
        byte[] before = Files.readAllBytes(fl);
        Path fresh = tmp.resolve("fresh");
        assertThat(cli.fails("clone", "-m", fl.toString(), "-s", "dir://" + fresh)).contains("the flist is unchanged")
                .contains("corrupt block " + id);
        assertThat(Files.readAllBytes(fl)).isEqualTo(before);
        assertThat(Files.exists(fresh.resolve(id.substring(0, 2)).resolve(id))).isFalse();
    }

    @Test
    void diffNamesWhatChanged() throws Exception {
        Path other = tmp.resolve("tree2");
        RoundTripTest.copyTree(tree, other);
        Files.delete(other.resolve("link"));
        Files.createSymbolicLink(other.resolve("link"), Path.of("big"));
        Files.writeString(other.resolve("etc/hostname"), "other\n");
        Files.setAttribute(other.resolve("big"), "unix:mode", 0600);
        Files.setLastModifiedTime(other.resolve("big"), FileTime.from(Instant.ofEpochSecond(1_000_000)));
        Files.writeString(other.resolve("new"), "new\n");
        Files.delete(other.resolve("etc/hostname"));
        Files.createDirectory(other.resolve("etc/hostname"));
        Files.setLastModifiedTime(other.resolve("etc"), Files.getLastModifiedTime(tree.resolve("etc")));
        Path fl2 = tmp.resolve("b.fl");
        cli.ok("pack", "-m", fl2.toString(), "-s", "dir://" + store, other.toString());
        String d = cli.ok("diff", "-m", fl.toString(), "-m", fl2.toString()).out();
        assertThat(d.lines().toList()).contains("~ /big (mode, mtime)", "~ /etc/hostname (type, mode)", "+ /new");
        assertThat(d).containsPattern("(?m)^~ /link \\(target(, mtime)?\\)$");
        assertThat(cli.run("diff", "-m", fl.toString(), "-m", fl2.toString(), "--exit-code").exitCode()).isEqualTo(1);
        JsonNode j = cli.json("diff", "-m", fl2.toString(), "-m", fl.toString(), "-o", "json");
        assertThat(j.toString()).contains("{\"path\":\"/new\",\"kind\":\"REMOVED\",\"what\":[]}");

        Path fl3 = tmp.resolve("c.fl");
        Path third = tmp.resolve("tree3");
        RoundTripTest.copyTree(tree, third);
        Files.write(third.resolve("big"), dev.zos.flist.pack.Trees.random(2, 700_000));
        Files.setLastModifiedTime(third.resolve("big"), Files.getLastModifiedTime(tree.resolve("big")));
        cli.ok("pack", "-m", fl3.toString(), "-s", "dir://" + store, third.toString());
        assertThat(cli.ok("diff", "-m", fl.toString(), "-m", fl3.toString()).out()).contains("~ /big (content)");
    }

    private static void deleteTree(Path p) throws Exception {
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
