package dev.zos.farmer;

import dev.zos.grid.testing.TestGrid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.zos.core.identity.IdentityStore;
import dev.zos.core.registry.client.GridProfiles;
import dev.zos.core.registry.model.Resources;
import dev.zos.testkit.CliHarness;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** zos-farmer farm and nodes commands against a real in-process grid, sharing zos's identity and grid config. */
class FarmerCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long GIB = 1L << 30;
    static TestGrid grid;

    @TempDir
    Path home;

    @BeforeAll
    static void startGrid() throws Exception {
        grid = TestGrid.shared();
    }

    CliHarness farmer() {
        return new CliHarness(FarmerMain.class, home);
    }

    /** What 'zos identity new' and 'zos grid use' leave behind, minus the twin (farm create registers it). */
    @BeforeEach
    void identityAndGrid() {
        Path config = farmer().configDir();
        new IdentityStore(config).create("farmer", 12);
        new GridProfiles(config).use(grid.url(), "local");
    }

    long createFarm(String name) throws Exception {
        var created = farmer().run("farm", "create", name, "-o", "json");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        return JSON.readTree(created.out()).get("farm_id").asLong();
    }

    @Test
    void farmCreateRegistersTheTwinThenListAndShowTheFarmersFarms() throws Exception {
        assertThat(farmer().run("farm", "list", "-o", "json").out().strip()).isEqualTo("[ ]");
        long first = createFarm("green_acres");
        long second = createFarm("blue-hills");
        String key = new IdentityStore(farmer().configDir()).current().orElseThrow().publicKey();
        long twin = grid.client().twinByPublicKey(key).orElseThrow().twinId();
        assertThat(grid.client().farm(first).twinId()).isEqualTo(twin);
        grid.newFarm("someone_elses");

        JsonNode list = JSON.readTree(farmer().run("farm", "list", "-o", "json").out());
        assertThat(list).extracting(f -> f.get("farm_id").asLong()).containsExactly(first, second);
        assertThat(farmer().run("farm", "list").out()).contains("green_acres").contains("blue-hills")
                .doesNotContain("someone_elses");

        grid.newNode(second, "Belgium", new Resources(2, 2 * GIB, 10 * GIB, 0));
        var shown = farmer().run("farm", "show", Long.toString(second));
        assertThat(shown.exitCode()).as(shown.toString()).isZero();
        assertThat(shown.out()).containsPattern("name\\s+blue-hills").containsPattern("nodes\\s+1")
                .containsPattern("owner twin\\s+" + twin);
        JsonNode yaml = new YAMLMapper().readTree(farmer().run("farm", "show", Long.toString(first), "-o", "yaml").out());
        assertThat(yaml.get("name").asText()).isEqualTo("green_acres");

        var duplicate = farmer().run("farm", "create", "green_acres");
        assertThat(duplicate.exitCode()).isEqualTo(1);
        assertThat(duplicate.err().lines()).singleElement().asString().startsWith("zos-farmer: the grid refused farm.create: ");

        var badName = farmer().run("farm", "create", "x");
        assertThat(badName.exitCode()).isEqualTo(1);
        assertThat(badName.err()).contains("farm name must be 3 to 40");
    }

    @Test
    void nodesListShowAndPowerByTheOwnerOnly() throws Exception {
        long farm = createFarm("power_farm");
        long node = grid.newNode(farm, "Egypt", new Resources(8, 16 * GIB, 100 * GIB, 1000 * GIB));

        var list = farmer().run("nodes", "list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out().lines().skip(1)).singleElement().asString()
                .startsWith(node + " ").contains("up").contains("0 B / 16 GiB").containsPattern("just now|\\d+ s ago");
        JsonNode json = JSON.readTree(farmer().run("nodes", "list", "--farm", Long.toString(farm), "-o", "json").out());
        assertThat(json).singleElement().satisfies(n -> assertThat(n.get("nodeId").asLong()).isEqualTo(node));

        var off = farmer().run("nodes", "power", "off", Long.toString(node));
        assertThat(off.exitCode()).as(off.toString()).isZero();
        assertThat(off.out()).startsWith("node " + node + ": power target up → down (log entry ");
        assertThat(grid.client().node(node).power().target()).isEqualTo("down");
        var shown = farmer().run("nodes", "show", Long.toString(node));
        assertThat(shown.out()).contains("target down, reported up");
        assertThat(new YAMLMapper().readTree(farmer().run("nodes", "show", Long.toString(node), "-o", "yaml").out())
                .get("power").get("target").asText()).isEqualTo("down");

        // another farmer (another identity, registered on the grid) may not touch it
        var stranger = new CliHarness(FarmerMain.class, home.resolve("stranger"));
        new IdentityStore(stranger.configDir()).create("stranger", 12);
        new GridProfiles(stranger.configDir()).use(grid.url(), "local");
        assertThat(stranger.run("farm", "create", "stranger_farm").exitCode()).isZero();
        var refused = stranger.run("nodes", "power", "on", Long.toString(node));
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err().lines()).singleElement().asString()
                .startsWith("zos-farmer: farm " + farm + " belongs to twin ").contains("not to the current identity's twin");
        assertThat(grid.client().node(node).power().target()).isEqualTo("down");

        assertThat(farmer().run("nodes", "power", "on", Long.toString(node)).exitCode()).isZero();
        assertThat(grid.client().node(node).power().target()).isEqualTo("up");
        assertThat(farmer().run("nodes", "power", "sideways", Long.toString(node)).exitCode()).isEqualTo(2);
    }

    @Test
    void publicIpsAndPricingAreChangedByTheOwnerOnly() throws Exception {
        long farm = createFarm("ip_farm");
        var added = farmer().run("farm", "ips", "add", Long.toString(farm), "185.69.166.10/24", "185.69.166.11/24",
                "--gateway", "185.69.166.1");
        assertThat(added.exitCode()).as(added.toString()).isZero();
        assertThat(added.out()).contains("185.69.166.10/24", "185.69.166.11/24", "free");
        assertThat(grid.client().farm(farm).publicIps()).hasSize(2);

        var badGateway = farmer().run("farm", "ips", "add", Long.toString(farm), "185.69.167.10/24", "--gateway", "10.0.0.1");
        assertThat(badGateway.exitCode()).isEqualTo(1);
        assertThat(badGateway.err()).contains("gateway 10.0.0.1 is not in the network of 185.69.167.10/24");

        var removed = farmer().run("farm", "ips", "remove", Long.toString(farm), "185.69.166.10/24", "-o", "json");
        assertThat(removed.exitCode()).as(removed.toString()).isZero();
        assertThat(JSON.readTree(removed.out()).get("public_ips")).singleElement()
                .satisfies(ip -> assertThat(ip.get("ip").asText()).isEqualTo("185.69.166.11/24"));
        var unknown = farmer().run("farm", "ips", "remove", Long.toString(farm), "1.2.3.4/24");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err().strip()).isEqualTo("zos-farmer: farm " + farm + " has no public IP 1.2.3.4/24");

        var priced = farmer().run("farm", "pricing", "set", Long.toString(farm), "--policy", "1");
        assertThat(priced.exitCode()).as(priced.toString()).isZero();
        assertThat(priced.out()).containsPattern("pricing policy\\s+1");
        var unknownPolicy = farmer().run("farm", "pricing", "set", Long.toString(farm), "--policy", "2");
        assertThat(unknownPolicy.exitCode()).isEqualTo(1);
        assertThat(unknownPolicy.err()).contains("pricing policy 2 does not exist");
        assertThat(grid.client().farm(farm).pricingPolicyId()).isEqualTo(1);

        var stranger = new CliHarness(FarmerMain.class, home.resolve("stranger2"));
        new IdentityStore(stranger.configDir()).create("stranger", 12);
        new GridProfiles(stranger.configDir()).use(grid.url(), "local");
        assertThat(stranger.run("farm", "create", "stranger_farm2").exitCode()).isZero();
        var refused = stranger.run("farm", "ips", "add", Long.toString(farm), "185.69.166.20/24", "--gateway", "185.69.166.1");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("farm " + farm + " belongs to twin");
        assertThat(grid.client().farm(farm).publicIps()).hasSize(1);
    }

    @Test
    void clearErrorsWithoutAGridOrATwinOrWhenTheGridIsDown() throws Exception {
        var fresh = new CliHarness(FarmerMain.class, home.resolve("fresh"));
        var noGrid = fresh.run("farm", "list");
        assertThat(noGrid.exitCode()).isEqualTo(1);
        assertThat(noGrid.err().strip()).isEqualTo("zos-farmer: no grid chosen; run 'zos grid use URL' or pass --grid URL");

        var noTwin = farmer().run("nodes", "power", "off", "1");
        assertThat(noTwin.exitCode()).isEqualTo(1);
        assertThat(noTwin.err().strip()).startsWith("zos-farmer: identity \"farmer\" has no twin on the grid at " + grid.url());

        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var down = farmer().run("farm", "create", "nowhere", "--grid", "http://127.0.0.1:" + port);
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.err().lines()).singleElement().asString()
                .startsWith("zos-farmer: cannot reach the grid at http://127.0.0.1:" + port);
    }
}
