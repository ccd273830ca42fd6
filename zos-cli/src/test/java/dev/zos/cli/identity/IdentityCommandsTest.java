package dev.zos.cli.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zos.cli.ZosMain;
import dev.zos.testkit.CliHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityCommandsTest {
    // the well-known substrate development mnemonic and its mini-secret
    static final String MNEMONIC = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
    static final String SEED = "0xfac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    CliHarness zos() {
        return new CliHarness(ZosMain.class, home);
    }

    @Test
    void newIdentityIsCurrentAndShowNeverPrintsTheSecret() throws Exception {
        var created = zos().run("identity", "new", "-o", "json");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        String mnemonic = JSON.readTree(created.out()).get("mnemonic").asText();
        assertThat(mnemonic.split(" ")).hasSize(12);

        var shown = zos().run("identity", "show", "-o", "json");
        assertThat(shown.exitCode()).as(shown.toString()).isZero();
        JsonNode id = JSON.readTree(shown.out());
        assertThat(id.get("name").asText()).isEqualTo("default");
        assertThat(id.get("publicKey").asText()).matches("[0-9a-f]{64}");
        assertThat(id.get("ss58").asText()).startsWith("5");
        assertThat(shown.out()).doesNotContain(mnemonic.split(" ")[0] + " " + mnemonic.split(" ")[1]);

        Path file = zos().configDir().resolve("identities/default.json");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void importFromStandardInputAndFromSeedGiveTheSameKey() throws Exception {
        var fromMnemonic = zos().stdin(MNEMONIC + "\n").run("identity", "import", "--name", "alice", "-o", "json");
        assertThat(fromMnemonic.exitCode()).as(fromMnemonic.toString()).isZero();
        var fromSeed = zos().run("identity", "import", "--name", "alice-seed", SEED, "-o", "json");
        assertThat(fromSeed.exitCode()).as(fromSeed.toString()).isZero();
        assertThat(JSON.readTree(fromMnemonic.out()).get("publicKey"))
                .isEqualTo(JSON.readTree(fromSeed.out()).get("publicKey"));

        var list = zos().run("identity", "list");
        assertThat(list.out()).contains("alice").contains("alice-seed");
        assertThat(list.out().lines().filter(l -> l.startsWith("*"))).singleElement().asString().contains("alice");

        var use = zos().run("identity", "use", "alice-seed");
        assertThat(use.exitCode()).isZero();
        assertThat(JSON.readTree(zos().run("identity", "show", "-o", "json").out()).get("name").asText()).isEqualTo("alice-seed");
        assertThat(zos().run("identity", "show", "-o", "yaml").out()).contains("name: alice-seed");
    }

    @Test
    void badInputIsOneClearLineAndChangesNothing() {
        var badWord = zos().stdin("bottom drive obey lake curtain smoke basket hold race lonely fit walkk\n")
                .run("identity", "import", "--name", "bob");
        assertThat(badWord.exitCode()).isEqualTo(1);
        assertThat(badWord.err().lines()).hasSize(1);
        assertThat(badWord.err()).contains("walkk");
        assertThat(zos().run("identity", "list", "-o", "json").out().strip()).isEqualTo("[ ]");

        var badName = zos().run("identity", "new", "--name", "Bad Name");
        assertThat(badName.exitCode()).isEqualTo(1);
        assertThat(badName.err()).contains("Bad Name").doesNotContain("\tat ");

        var noCurrent = zos().run("identity", "show");
        assertThat(noCurrent.exitCode()).isEqualTo(1);
        assertThat(noCurrent.err()).contains("zos identity new");

        var badSeed = zos().run("identity", "import", "--name", "x", "0x1234");
        assertThat(badSeed.exitCode()).isEqualTo(1);
        assertThat(badSeed.err().lines()).hasSize(1);
    }

    @Test
    void existingNameNeedsForce() {
        assertThat(zos().run("identity", "import", "--name", "a", SEED).exitCode()).isZero();
        var again = zos().run("identity", "new", "--name", "a");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("a");
        assertThat(zos().run("identity", "new", "--name", "a", "--force").exitCode()).isZero();
    }
}
