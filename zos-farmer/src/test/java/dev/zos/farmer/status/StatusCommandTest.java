package dev.zos.farmer.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zos.core.identity.IdentityStore;
import dev.zos.core.registry.client.GridProfiles;
import dev.zos.core.registry.model.Resources;
import dev.zos.farmer.FarmerMain;
import dev.zos.grid.testing.TestGrid;
import dev.zos.testkit.CliHarness;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusCommandTest {
    static final long GIB = 1L << 30;
    @TempDir
    Path home;

    @Test
    void showsEveryNodeOfTheFarmersFarmsWithItsDeploymentsAndLoad() throws Exception {
        TestGrid grid = TestGrid.shared();
        var farmer = new CliHarness(FarmerMain.class, home);
        new IdentityStore(farmer.configDir()).create("farmer", 12);
        new GridProfiles(farmer.configDir()).use(grid.url(), "local");
        long farm = new ObjectMapper().readTree(farmer.run("farm", "create", "status_farm_" + System.nanoTime() % 100000, "-o", "json").out())
                .get("farm_id").asLong();
        long a = grid.newNode(farm, "Belgium", new Resources(4, 8 * GIB, 100 * GIB, 0));
        long b = grid.newNode(farm, "Belgium", new Resources(2, 4 * GIB, 50 * GIB, 0));
        grid.client().submit(grid.newTwin().contractNodeCreate(a, "0".repeat(64), 0));
        assertThat(farmer.run("nodes", "power", "off", Long.toString(b)).exitCode()).isZero();

        var table = farmer.run("status");
        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("NODE").contains("DEPLOYMENTS", "UPTIME");
        assertThat(table.out()).containsPattern(a + "\\s+" + farm + "\\s+up\\s+up\\s+5m 0s\\s+0/4\\s+0 B / 8 GiB\\s+0 B / 100 GiB\\s+-\\s+1\\s")
                .containsPattern(b + "\\s+" + farm + "\\s+up\\s+up → down");

        JsonNode json = new ObjectMapper().readTree(farmer.run("status", "--farm", Long.toString(farm), "-o", "json").out());
        assertThat(json.get("farms")).singleElement().satisfies(f -> assertThat(f.asLong()).isEqualTo(farm));
        assertThat(json.get("nodes")).hasSize(2);
        assertThat(json.get("nodes").get(0).get("deployments").asLong()).isEqualTo(1);

        var status = FarmStatus.read(grid.client(), List.of(farm), Instant.now());
        assertThat(StatusView.screen(status, 200, false).get(0).toString()).contains("farm " + farm, "2 node(s): 2 up, 0 standby, 0 down");
        assertThat(StatusView.screen(status, 60, true)).extracting(AttributedString::columnLength).allMatch(w -> w <= 60);

        var unknown = farmer.run("status", "--farm", "987654");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("farm 987654");
    }
}
