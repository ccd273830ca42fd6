package dev.zos.flistctl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.flist.meta.FlistWriter;
import dev.zos.flist.meta.Inode;
import dev.zos.flist.meta.Route;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: one clear error line, exit 1 (or 2 for a bad command line), and the flist unchanged. */
class BadInputTest {

    @TempDir
    Path tmp;
    Flistctl cli;
    Path fl;
    byte[] original;

    @BeforeEach
    void packOneFile() throws Exception {
        cli = new Flistctl(tmp.resolve("home"));
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(tree.resolve("a"), "a\n");
        fl = tmp.resolve("a.fl");
        cli.ok("pack", "-m", fl.toString(), "-s", "dir://" + tmp.resolve("store"), "-t", "version=1", tree.toString());
        original = Files.readAllBytes(fl);
    }

    private void unchanged() throws Exception {
        assertThat(Files.readAllBytes(fl)).isEqualTo(original);
        try (var s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList())
                    .as("no temporary file left behind").isEmpty();
        }
    }

    @Test
    void aMissingFlistIsNamed() {
        Path missing = tmp.resolve("nope.fl");
        for (List<String> cmd : List.of(List.of("ls"), List.of("verify"), List.of("tag", "list"), List.of("store", "list"),
                List.of("tag", "add", "-t", "a=b"), List.of("unpack", tmp.resolve("out").toString()))) {
            String[] args = cmd.toArray(new String[0]);
            String[] full = new String[args.length + 2];
            System.arraycopy(args, 0, full, 0, cmd.get(0).equals("tag") || cmd.get(0).equals("store") ? 2 : 1);
            int at = cmd.get(0).equals("tag") || cmd.get(0).equals("store") ? 2 : 1;
            full[at] = "-m";
            full[at + 1] = missing.toString();
            System.arraycopy(args, at, full, at + 2, args.length - at);
            assertThat(cli.fails(full)).as(String.join(" ", full)).contains(missing.toString()).contains("does not exist");
        }
        assertThat(Files.exists(tmp.resolve("out"))).isFalse();
    }

    @Test
    void aFileThatIsNotAnFlistIsRefused() throws Exception {
        Path text = tmp.resolve("text.fl");
        Files.writeString(text, "hello, I am not a database\n");
        assertThat(cli.fails("ls", "-m", text.toString())).contains(text + " is not an flist");
        assertThat(cli.fails("tag", "add", "-m", text.toString(), "-t", "a=b")).contains("is not an flist");
        assertThat(Files.readString(text)).isEqualTo("hello, I am not a database\n");
    }

    @Test
    void badRoutesAndTagsChangeNothing() throws Exception {
        assertThat(cli.fails("store", "add", "-m", fl.toString(), "-s", "7f-00=dir:///x")).contains("bad store route")
                .contains("start is after its end");
        assertThat(cli.fails("store", "add", "-m", fl.toString(), "-s", "0-ff=dir:///x")).contains("two lowercase hex");
        assertThat(cli.fails("store", "add", "-m", fl.toString(), "-s", "ftp://host/x")).contains("bad store 'ftp://host/x'")
                .contains("dir://");
        assertThat(cli.fails("store", "delete", "-m", fl.toString(), "-s", "dir:///elsewhere")).contains("has no route");
        assertThat(cli.fails("tag", "add", "-m", fl.toString(), "-t", "novalue")).contains("bad tag 'novalue'")
                .contains("key=value");
        assertThat(cli.fails("tag", "add", "-m", fl.toString(), "-t", "ok=1", "-t", "bad key=1")).contains("bad tag key");
        assertThat(cli.fails("tag", "delete", "-m", fl.toString(), "-k", "version", "-k", "nope"))
                .contains("no tag 'nope'").contains("version");
        unchanged();
        assertThat(cli.json("tag", "list", "-m", fl.toString(), "-o", "json").toString()).isEqualTo("{\"version\":\"1\"}");
    }

    @Test
    void badPackInputWritesNoFlist() throws Exception {
        Path out = tmp.resolve("new.fl");
        Path tree = tmp.resolve("tree");
        assertThat(cli.fails("pack", "-m", out.toString(), "-s", "dir://" + tmp.resolve("s"), "-t", "x",
                tree.toString())).contains("bad tag 'x'");
        assertThat(cli.fails("pack", "-m", out.toString(), "-s", "nope://x", tree.toString())).contains("bad store");
        assertThat(cli.fails("pack", "-m", out.toString(), "-s", "dir://" + tmp.resolve("s"),
                tmp.resolve("missing").toString())).contains("not a directory");
        String down = "http://127.0.0.1:" + Flistctl.closedPort();
        assertThat(cli.fails("pack", "-m", out.toString(), "-s", down, tree.toString())).contains("store " + down)
                .contains("unavailable");
        assertThat(cli.fails("pack", "-m", tree.resolve("self.fl").toString(), "-s", "dir://" + tmp.resolve("s"),
                tree.toString())).contains("the directory being packed");
        assertThat(Files.exists(out)).isFalse();
        assertThat(Files.exists(tree.resolve("self.fl"))).isFalse();
        unchanged();
    }

    @Test
    void usageErrorsExitWith2() {
        var r = cli.run("ls");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("-m");
        assertThat(cli.run("diff", "-m", fl.toString()).exitCode()).isEqualTo(1);
        assertThat(cli.run("tag", "delete", "-m", fl.toString()).exitCode()).isEqualTo(2);
        assertThat(cli.run("tag", "delete", "-m", fl.toString(), "-k", "version", "--all").exitCode()).isEqualTo(2);
    }

    @Test
    void unpackRefusesEntriesThatWouldEscapeTheTarget() throws Exception {
        Path evil = tmp.resolve("evil.fl");
        try (FlistWriter w = FlistWriter.create(evil)) {
            w.inode(new Inode(1, 0, "/", 4096, 0, 0, 040755, 0, 0, 0, null));
            w.inode(new Inode(2, 1, "sub", 4096, 0, 0, 040755, 0, 0, 0, null));
            w.inode(new Inode(3, 2, "../../escaped", 0, 0, 0, 0100644, 0, 0, 0, null));
            w.route(Route.all("dir://" + tmp.resolve("store")));
        }
        Path target = tmp.resolve("target");
        assertThat(cli.fails("unpack", "-m", evil.toString(), target.toString()))
                .contains("refusing to unpack entry '../../escaped' under /sub/../../escaped");
        assertThat(Files.exists(tmp.resolve("escaped"))).isFalse();
        assertThat(Files.exists(target.resolve("escaped"))).isFalse();
    }

    @Test
    void unpackRefusesANonDirectoryTarget() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThat(cli.fails("unpack", "-m", fl.toString(), file.toString())).contains("not a directory");
        assertThat(Files.readString(file)).isEqualTo("x");
    }
}
