package dev.zos.cli.nodes;

import dev.zos.grid.testing.TestGrid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.zos.cli.ZosMain;
import dev.zos.core.registry.model.Resources;
import dev.zos.testkit.CliHarness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** farms list, nodes list (with the explorer's filters) and nodes show against a real grid. */
class NodesCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long GIB = 1L << 30;
    static TestGrid grid;
    static long farmA;
    static long farmB;
    static long small;
    static long big;
    static long other;

    @TempDir
    static Path home;

    @BeforeAll
    static void startGrid() throws Exception {
        grid = TestGrid.shared();
        farmA = grid.newFarm("farm_a");
        farmB = grid.newFarm("farm_b");
        small = grid.newNode(farmA, "Belgium", new Resources(4, 4 * GIB, 100 * GIB, 0));
        big = grid.newNode(farmA, "Egypt", new Resources(16, 64 * GIB, 1000 * GIB, 4000 * GIB));
        other = grid.newNode(farmB, "Belgium", new Resources(8, 16 * GIB, 200 * GIB, 0));
        var zos = new CliHarness(ZosMain.class, home);
        zos.run("identity", "new");
        assertThat(zos.run("grid", "use", grid.url()).exitCode()).isZero();
    }

    CliHarness zos() {
        return new CliHarness(ZosMain.class, home);
    }

    List<Long> nodeIds(String... filters) throws Exception {
        var args = new ArrayList<>(List.of("nodes", "list", "-o", "json"));
        args.addAll(List.of(filters));
        var result = zos().run(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        var ids = new ArrayList<Long>();
        JSON.readTree(result.out()).forEach(n -> ids.add(n.get("nodeId").asLong()));
        return ids;
    }

    @Test
    void nodesListMapsItsFlagsToTheExplorerFilters() throws Exception {
        String both = farmA + "," + farmB;
        assertThat(nodeIds("--farm", both)).containsExactly(small, big, other);
        assertThat(nodeIds("--farm", Long.toString(farmA))).containsExactly(small, big);
        assertThat(nodeIds("--farm", farmA + "," + farmB, "--country", "Belgium")).containsExactly(small, other);
        assertThat(nodeIds("--farm", Long.toString(farmB), "--farm", Long.toString(farmA), "--free-mru", "8GiB"))
                .containsExactly(big, other);
        assertThat(nodeIds("--farm", both, "--free-hru", "1TiB")).containsExactly(big);
        assertThat(nodeIds("--farm", both, "--free-sru", "150GB", "--status", "up")).containsExactly(big, other);
        assertThat(nodeIds("--farm", both, "--status", "standby,down")).isEmpty();
        assertThat(nodeIds("--farm", both, "--size", "2", "--page", "2")).containsExactly(other);

        var table = zos().run("nodes", "list", "--farm", Long.toString(farmA));
        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("ID").contains("FREE MEMORY", "LAST REPORT");
        assertThat(table.out()).contains("64 GiB / 64 GiB").containsPattern("just now|\\d+ s ago");

        var paged = zos().run("nodes", "list", "--farm", both, "--size", "1");
        assertThat(paged.err()).contains("1 of 3 nodes shown");

        var badSize = zos().run("nodes", "list", "--free-mru", "2 parsecs");
        assertThat(badSize.exitCode()).isEqualTo(1);
        assertThat(badSize.err()).contains("invalid size '2 parsecs'");
    }

    @Test
    void nodesShowInEveryFormat() throws Exception {
        var table = zos().run("nodes", "show", Long.toString(big));
        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.out()).contains("farm_a").contains("Ghent, Egypt").contains("0 B used of 64 GiB")
                .contains("target up, reported up").containsPattern("uptime\\s+5m 0s");

        JsonNode json = JSON.readTree(zos().run("nodes", "show", Long.toString(big), "-o", "json").out());
        assertThat(json.get("nodeId").asLong()).isEqualTo(big);
        assertThat(json.get("total_resources").get("mru").asLong()).isEqualTo(64 * GIB);
        assertThat(json.get("power").get("target").asText()).isEqualTo("up");

        JsonNode yaml = new YAMLMapper().readTree(zos().run("nodes", "show", Long.toString(big), "-o", "yaml").out());
        assertThat(yaml.get("farmName").asText()).isEqualTo("farm_a");

        var missing = zos().run("nodes", "show", "999");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("zos: node 999 does not exist");
    }

    @Test
    void farmsListWithFilters() throws Exception {
        var all = zos().run("farms", "list");
        assertThat(all.exitCode()).as(all.toString()).isZero();
        assertThat(all.out()).contains("farm_a").contains("farm_b");

        JsonNode byName = JSON.readTree(zos().run("farms", "list", "--name", "farm_b", "-o", "json").out());
        assertThat(byName).singleElement().satisfies(f -> assertThat(f.get("farm_id").asLong()).isEqualTo(farmB));

        long owner = grid.client().farm(farmA).twinId();
        JsonNode byTwin = new YAMLMapper().readTree(zos().run("farms", "list", "--twin", Long.toString(owner), "-o", "yaml").out());
        assertThat(byTwin).singleElement().satisfies(f -> assertThat(f.get("name").asText()).isEqualTo("farm_a"));
    }
}
