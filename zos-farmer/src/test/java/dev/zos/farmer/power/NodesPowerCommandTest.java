package dev.zos.farmer.power;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zos.core.identity.IdentityStore;
import dev.zos.core.power.MacAddress;
import dev.zos.core.registry.client.GridProfiles;
import dev.zos.core.registry.model.Location;
import dev.zos.core.registry.model.NodeInterface;
import dev.zos.core.registry.model.Power;
import dev.zos.core.registry.model.Resources;
import dev.zos.core.registry.tx.TransactionBuilder;
import dev.zos.farmer.FarmerMain;
import dev.zos.grid.testing.TestGrid;
import dev.zos.testkit.CliHarness;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'zos-farmer nodes power' against a real in-process grid, with magic packets received on a real UDP socket. */
class NodesPowerCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path home;
    TestGrid grid;
    long farm;

    CliHarness farmer() {
        return new CliHarness(FarmerMain.class, home);
    }

    @BeforeEach
    void farm() throws Exception {
        grid = TestGrid.shared();
        new IdentityStore(farmer().configDir()).create("farmer", 12);
        new GridProfiles(farmer().configDir()).use(grid.url(), "local");
        var created = farmer().run("farm", "create", "power_" + System.nanoTime() % 100000, "-o", "json");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        farm = JSON.readTree(created.out()).get("farm_id").asLong();
    }

    /** A node registered by its own twin with one NIC of MAC {@code mac}, up (it reported its uptime). */
    record Node(long id, TransactionBuilder twin, MacAddress mac) {
    }

    Node node(String mac) {
        var twin = grid.newTwin();
        long id = grid.client().submit(twin.nodeRegister(farm, new Resources(2, 4L << 30, 50L << 30, 0),
                new Location("Belgium", "Ghent", "51.05", "3.72"), List.of(new NodeInterface("zos", mac, List.of("10.9.0.2"))),
                "SN", false)).id();
        grid.client().submit(twin.nodeUptime(id, 60));
        return new Node(id, twin, MacAddress.of(mac));
    }

    String target(Node n) {
        return grid.client().node(n.id()).power().target();
    }

    @Test
    void allNodesOfTheFarmWithASummaryAndNothingTwice() throws Exception {
        Node a = node("02:00:00:0a:00:01");
        Node b = node("02:00:00:0a:00:02");
        var one = farmer().run("nodes", "power", "off", Long.toString(a.id()));
        assertThat(one.exitCode()).as(one.toString()).isZero();
        assertThat(one.out().strip()).matches("node " + a.id() + ": power target up → down \\(log entry \\d+\\)");

        var all = farmer().run("nodes", "power", "off", "--all");
        assertThat(all.exitCode()).as(all.toString()).isZero();
        assertThat(all.out().lines()).containsExactly(
                "node " + a.id() + ": power target already down, unchanged",
                all.out().lines().toList().get(1),
                "2 node(s): 1 changed to down, 1 already down");
        assertThat(all.out().lines().toList().get(1)).startsWith("node " + b.id() + ": power target up → down");
        assertThat(target(a)).isEqualTo("down");
        assertThat(target(b)).isEqualTo("down");

        JsonNode json = JSON.readTree(farmer().run("nodes", "power", "on", "--all", "--farm", Long.toString(farm), "-o", "json").out());
        assertThat(json).hasSize(2);
        assertThat(json.get(0).get("target_before").asText()).isEqualTo("down");
        assertThat(json.get(0).get("changed").asBoolean()).isTrue();
        assertThat(target(a)).isEqualTo("up");
        assertThat(target(b)).isEqualTo("up");
    }

    @Test
    void wolSendsAMagicPacketToEachSleepingNodesMacOnly() throws Exception {
        Node asleep = node("02:00:00:0b:00:01");
        Node awake = node("02:00:00:0b:00:02");
        // the farmer powered it off; it reported power state down and went to sleep
        grid.client().submit(farmerSigner().nodePowerTarget(asleep.id(), Power.DOWN));
        grid.client().submit(asleep.twin().nodePowerState(asleep.id(), Power.DOWN));
        try (var lan = new dev.zos.testkit.MagicPacketListener()) {
            var on = farmer().run("nodes", "power", "on", Long.toString(asleep.id()), Long.toString(awake.id()), "--wol",
                    "--broadcast", "127.0.0.1", "--wol-port", Integer.toString(lan.port()));
            assertThat(on.exitCode()).as(on.toString()).isZero();
            assertThat(on.out().lines()).hasSize(3);
            assertThat(on.out().lines().toList().get(0)).startsWith("node " + asleep.id() + ": power target down → up")
                    .endsWith("; magic packet to 02:00:00:0b:00:01 via 127.0.0.1:" + lan.port());
            assertThat(on.out().lines().toList().get(1))
                    .isEqualTo("node " + awake.id() + ": power target already up, unchanged; no magic packet: it is up");
            assertThat(on.out().lines().toList().get(2)).isEqualTo("2 node(s): 1 changed to up, 1 already up, 1 sent a magic packet");
            assertThat(lan.received(500)).containsExactly(asleep.mac());
        }
        assertThat(target(asleep)).isEqualTo("up");
    }

    @Test
    void badInputIsRefusedAndChangesNothing() throws Exception {
        Node a = node("02:00:00:0c:00:01");
        String id = Long.toString(a.id());
        assertThat(farmer().run("nodes", "power", "off").exitCode()).isEqualTo(2);
        assertThat(farmer().run("nodes", "power", "off", id, "--all").exitCode()).isEqualTo(2);
        assertThat(farmer().run("nodes", "power", "off", id, "--farm", "1").exitCode()).isEqualTo(2);
        var wolOff = farmer().run("nodes", "power", "off", id, "--wol");
        assertThat(wolOff.exitCode()).isEqualTo(2);
        assertThat(wolOff.err()).contains("--wol and --broadcast go with 'on' only");

        grid.client().submit(farmerSigner().nodePowerTarget(a.id(), Power.DOWN));
        var badAddress = farmer().run("nodes", "power", "on", id, "--broadcast", "10.0.0.300");
        assertThat(badAddress.exitCode()).isEqualTo(1);
        assertThat(badAddress.err().strip()).isEqualTo("zos-farmer: broadcast address 10.0.0.300 has a part above 255");
        var missing = farmer().run("nodes", "power", "on", id, "999999");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("999999");
        long other = grid.newNode(grid.newFarm("not_mine_" + System.nanoTime() % 100000), "Egypt", new Resources(1, 1L << 30, 1L << 30, 0));
        var notMine = farmer().run("nodes", "power", "on", id, Long.toString(other));
        assertThat(notMine.exitCode()).isEqualTo(1);
        assertThat(notMine.err()).contains("belongs to twin");
        assertThat(target(a)).as("nothing changed by refused commands").isEqualTo("down");
    }

    TransactionBuilder farmerSigner() {
        return dev.zos.core.registry.client.GridSession.open(farmer().configDir(), grid.url()).signer();
    }
}
