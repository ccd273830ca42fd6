package dev.zos.flistctl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zos.flist.pack.Trees;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pack → unpack and the read-only commands through the real command line, on the nasty tree. */
class RoundTripTest {

    @TempDir
    static Path shared;
    static Path tree;
    static Path store;
    static Path fl;
    static String packOut;

    @TempDir
    Path tmp;

    @BeforeAll
    static void packTheNastyTree() throws Exception {
        tree = shared.resolve("tree");
        Trees.nasty(tree);
        store = shared.resolve("store");
        fl = shared.resolve("nasty.fl");
        var r = new Flistctl(shared.resolve("home")).ok("pack", "-m", fl.toString(), "-s", "dir://" + store,
                "--tag", "version=1.0", "--tag", "author=tests", tree.toString());
        packOut = r.out();
        assertThat(r.err()).as("no progress bar when not at a terminal").isEmpty();
    }

    private Flistctl cli() {
        return new Flistctl(tmp.resolve("home"));
    }

    @Test
    void unpackRestoresAnIdenticalTree() throws Exception {
        Path out = tmp.resolve("out");
        List<String> args = new ArrayList<>(List.of("unpack", "-m", fl.toString()));
        if (Trees.ROOT) {
            args.add("-p");
        }
        args.add(out.toString());
        var r = cli().ok(args.toArray(String[]::new));
        Map<String, String> expected = Trees.describe(tree, Trees.ROOT);
        assertThat(Trees.describe(out, Trees.ROOT)).containsExactlyEntriesOf(expected);
        assertThat(expected).hasSizeGreaterThan(2150);
        assertThat(r.out()).contains("unpacked " + fl).contains("2,122 files");
    }

    @Test
    void packPrintsASummaryAndJsonOnRequest() {
        assertThat(packOut).startsWith("packed " + fl + ": 2,122 files,").contains("unique").contains("dedup")
                .hasLineCount(1);
        Path again = tmp.resolve("again.fl");
        JsonNode j = cli().json("pack", "-m", again.toString(), "-s", "dir://" + store, "-o", "json", tree.toString());
        assertThat(j.get("files").asLong()).isEqualTo(2122);
        assertThat(j.get("uploadedBlocks").asLong()).as("every block is already in the store").isZero();
        assertThat(j.get("presentBlocks").asLong()).isEqualTo(j.get("uniqueBlocks").asLong()).isPositive();
        assertThat(j.get("blocks").asLong()).isGreaterThan(j.get("uniqueBlocks").asLong());
    }

    @Test
    void lsStatTreeAndCatShowWhatWasPacked() throws Exception {
        Flistctl cli = cli();
        String ls = cli.ok("ls", "-m", fl.toString(), "/links").out();
        assertThat(ls.lines().findFirst().orElseThrow()).startsWith("MODE");
        assertThat(ls).contains("abs -> /etc/hostname").contains("dangling -> nowhere/at/all");
        JsonNode entries = cli.json("ls", "-m", fl.toString(), "-o", "json", "modes");
        List<String> names = new ArrayList<>();
        entries.forEach(e -> names.add(e.get("name").asText()));
        assertThat(names).contains("suid", "tmp", "fifo");
        JsonNode suid = cli.json("stat", "-m", fl.toString(), "-o", "json", "/modes/suid");
        assertThat(suid.get("mode").asText()).isEqualTo("4755");
        assertThat(suid.get("permissions").asText()).isEqualTo("-rwsr-xr-x");
        assertThat(cli.ok("stat", "-m", fl.toString(), "-o", "yaml", "/modes/tmp").out())
                .contains("permissions: drwxrwxrwt");
        JsonNode big = cli.json("stat", "-m", fl.toString(), "-o", "json", "/sizes/s524289");
        assertThat(big.get("blocks")).hasSize(2);
        assertThat(big.get("size").asLong()).isEqualTo(524289);

        String t = cli.ok("tree", "-m", fl.toString(), "/intl").out();
        assertThat(t).contains("├── ").contains("日本語").contains("└── ファイル");

        for (String p : List.of("sizes/s0", "sizes/s524287", "sizes/s524288", "sizes/s524289", "sizes/sparse",
                "intl/héllo wörld ✓")) {
            var c = Flistctl.cat(cli, "cat", "-m", fl.toString(), "/" + p);
            assertThat(c.result().exitCode()).as(p + "\n" + c.result()).isZero();
            assertThat(c.bytes()).as(p).isEqualTo(Files.readAllBytes(tree.resolve(p)));
        }
        assertThat(cli.fails("cat", "-m", fl.toString(), "/links")).contains("/links is a directory");
        assertThat(cli.fails("stat", "-m", fl.toString(), "/no/such")).contains("/no/such");
    }

    @Test
    void verifyPassesOnAnIntactStore() {
        var r = cli().ok("verify", "-m", fl.toString());
        assertThat(r.out()).startsWith("ok: " + fl + ": 2,122 files");
        JsonNode j = cli().json("verify", "-m", fl.toString(), "-o", "json", "-j", "3");
        assertThat(j.get("ok").asBoolean()).isTrue();
        assertThat(j.get("problems")).isEmpty();
    }

    /** A copy of the store with one byte of {@code path}'s first block flipped; returns the block id. */
    private String tamper(Path copy, String path) throws Exception {
        copyTree(store, copy);
        String id = cli().json("stat", "-m", fl.toString(), "-o", "json", path).get("blocks").get(0).asText();
        Path block = copy.resolve(id.substring(0, 2)).resolve(id);
        byte[] b = Files.readAllBytes(block);
        b[b.length / 2] ^= 0x40;
        Files.write(block, b);
        return id;
    }

    @Test
    void aTamperedBlockFailsVerifyAndUnpackNamingExactlyItsFile() throws Exception {
        Path copy = tmp.resolve("store");
        String id = tamper(copy, "/sizes/s524289");
        Flistctl cli = cli();
        String s = "dir://" + copy;

        JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                cli.run("verify", "-m", fl.toString(), "-s", s, "-o", "json").out());
        assertThat(j.get("damagedFiles").toString()).isEqualTo("[\"/sizes/s524289\"]");
        assertThat(j.get("problems")).hasSize(1);
        assertThat(j.get("problems").get(0).get("kind").asText()).isEqualTo("CORRUPT");
        assertThat(j.get("problems").get(0).get("id").asText()).isEqualTo(id);
        var v = cli.run("verify", "-m", fl.toString(), "-s", s);
        assertThat(v.exitCode()).as(v.toString()).isEqualTo(1);
        assertThat(v.out().lines().toList()).containsExactly("corrupt block " + id + " used by /sizes/s524289: corrupt block "
                + id + ": content hash does not match its id");
        assertThat(v.err().strip()).isEqualTo("zos-flistctl: verification of " + fl + " failed: 1 of "
                + j.get("uniqueBlocks").asLong() + " distinct blocks missing or corrupt; damaged files: /sizes/s524289");

        String unpack = cli.fails("unpack", "-m", fl.toString(), "-s", s, tmp.resolve("out").toString());
        assertThat(unpack).contains("cannot restore /sizes/s524289: block 1 of 2 is corrupt").contains(id);

        var c = Flistctl.cat(cli, "cat", "-m", fl.toString(), "-s", s, "/sizes/s524289");
        assertThat(c.result().exitCode()).isEqualTo(1);
        assertThat(c.bytes()).as("no unverified byte is written").isEmpty();
        assertThat(c.result().err()).contains("cannot read /sizes/s524289: block 1 of 2 is corrupt");
    }

    @Test
    void aMissingBlockIsReportedWithEveryFileUsingIt() throws Exception {
        Path copy = tmp.resolve("store");
        copyTree(store, copy);
        // hard1, hard2 and target.txt share their only block
        String id = cli().json("stat", "-m", fl.toString(), "-o", "json", "/links/hard1").get("blocks").get(0).asText();
        Files.delete(copy.resolve(id.substring(0, 2)).resolve(id));
        var v = cli().run("verify", "-m", fl.toString(), "-s", "dir://" + copy);
        assertThat(v.exitCode()).isEqualTo(1);
        assertThat(v.out()).startsWith("missing block " + id + " used by /links/hard1, /links/hard2, /links/target.txt: ");
        assertThat(v.err()).contains("damaged files: /links/hard1, /links/hard2, /links/target.txt");
    }

    @Test
    void aStoreThatIsDownGivesOneClearErrorNamingIt() {
        String down = "http://127.0.0.1:" + Flistctl.closedPort();
        Flistctl cli = cli();
        assertThat(cli.fails("verify", "-m", fl.toString(), "-s", down)).contains("store " + down)
                .contains("unavailable");
        assertThat(cli.fails("unpack", "-m", fl.toString(), "-s", down, tmp.resolve("out").toString()))
                .contains("store " + down).contains("unavailable");
        var c = Flistctl.cat(cli, "cat", "-m", fl.toString(), "-s", down, "/sizes/s1");
        assertThat(c.result().exitCode()).isEqualTo(1);
        assertThat(c.result().err()).contains("store " + down);
    }

    static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path d = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(d);
                } else {
                    Files.copy(p, d);
                }
            }
        }
    }
}
