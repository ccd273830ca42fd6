package dev.zos.farmer.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zos.core.identity.IdentityStore;
import dev.zos.core.registry.client.GridProfiles;
import dev.zos.core.registry.model.Resources;
import dev.zos.farmer.FarmerMain;
import dev.zos.grid.testing.TestGrid;
import dev.zos.testkit.CliHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'zos-farmer bot run' against a real in-process grid: decisions land in the registry as power targets. */
class BotCommandTest {
    static final long GIB = 1L << 30;
    @TempDir
    Path home;
    TestGrid grid;
    long farm;

    CliHarness farmer() {
        return new CliHarness(FarmerMain.class, home);
    }

    @BeforeEach
    void farmWithTwoIdleNodes() throws Exception {
        grid = TestGrid.shared();
        new IdentityStore(farmer().configDir()).create("farmer", 12);
        new GridProfiles(farmer().configDir()).use(grid.url(), "local");
        var created = farmer().run("farm", "create", "bot_farm_" + System.nanoTime() % 100000, "-o", "json");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        farm = new ObjectMapper().readTree(created.out()).get("farm_id").asLong();
    }

    Path config(String extra) throws Exception {
        Path file = home.resolve("bot.yaml");
        Files.writeString(file, "farm: " + farm + "\nidle_after: 1s\nperiodic_wake_up: \"23:59:59\"\n" + extra);
        return file;
    }

    String target(long node) {
        return grid.client().node(node).power().target();
    }

    @Test
    void powersOffIdleSurplusButKeepsTheLastNodeAndNodesWithContracts() throws Exception {
        long a = grid.newNode(farm, "Belgium", new Resources(4, 8 * GIB, 100 * GIB, 0));
        long b = grid.newNode(farm, "Belgium", new Resources(4, 16 * GIB, 100 * GIB, 0));
        Thread.sleep(1100);
        Path bot = config("");

        var dry = farmer().run("bot", "run", "-c", bot.toString(), "--once", "--dry-run");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("node " + a + ": would power off — idle for 0 min with no contracts");
        assertThat(target(a)).isEqualTo("up");

        var first = farmer().run("bot", "run", "-c", bot.toString(), "--once");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("node " + a + ": power off");
        assertThat(target(a)).isEqualTo("down");
        assertThat(target(b)).isEqualTo("up");

        var second = farmer().run("bot", "run", "-c", bot.toString(), "--once");
        assertThat(second.out()).contains("no change (1 of 2 node(s) on)");
        assertThat(target(b)).isEqualTo("up");

        // a user rents node a while it sleeps: the bot wakes it
        var user = grid.newTwin();
        grid.client().submit(user.contractNodeCreate(a, "0".repeat(64), 0));
        var third = farmer().run("bot", "run", "-c", bot.toString(), "--once");
        assertThat(third.out()).contains("node " + a + ": power on — it has 1 active contract(s)");
        assertThat(target(a)).isEqualTo("up");
        assertThat(Files.readString(BotMemory.file(farmer().context().dataDir(), farm))).contains("\"" + a + "\"");
    }

    @Test
    void badConfigsAndOtherFarmersFarmsAreRefused() throws Exception {
        Files.writeString(home.resolve("bad.yaml"), "farm: " + farm + "\nwake_up_threshold: 180\n");
        var bad = farmer().run("bot", "run", "-c", home.resolve("bad.yaml").toString(), "--once");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err().strip()).isEqualTo("zos-farmer: bot config: wake_up_threshold must be a percentage from 1 to 100, got 180");

        Files.writeString(home.resolve("typo.yaml"), "farm: " + farm + "\nidle_afer: 5m\n");
        var typo = farmer().run("bot", "run", "-c", home.resolve("typo.yaml").toString(), "--once");
        assertThat(typo.exitCode()).isEqualTo(1);
        assertThat(typo.err()).contains("idle_afer");

        Files.writeString(home.resolve("dur.yaml"), "farm: " + farm + "\ninterval: soon\n");
        assertThat(farmer().run("bot", "run", "-c", home.resolve("dur.yaml").toString(), "--once").err())
                .contains("interval must be a duration like 90s, 5m, 1h30m or 500ms, got 'soon'");

        long other = grid.newFarm("not_mine_" + System.nanoTime() % 100000);
        Files.writeString(home.resolve("other.yaml"), "farm: " + other + "\n");
        var refused = farmer().run("bot", "run", "-c", home.resolve("other.yaml").toString(), "--once");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("farm " + other + " belongs to twin");
    }
}
