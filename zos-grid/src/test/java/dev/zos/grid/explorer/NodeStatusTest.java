package dev.zos.grid.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.core.registry.model.Power;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** up while reports are younger than 2 × the report interval; standby when powered down on purpose; else down. */
class NodeStatusTest {
    @Test
    void statusFollowsReportsAndPower() throws Exception {
        try (var grid = new ExplorerFixture()) {
            var farmer = grid.twin(1);
            long farm = grid.farm(farmer, "farm1", 0);
            var node = grid.node(2, farm, ExplorerFixture.gib(4, 8, 100, 0), "Belgium");
            String status = "/nodes/" + node.id() + "/status";

            assertThat(grid.get(status).body().get("status").asText()).as("never reported").isEqualTo("down");
            grid.submit(node.twin().nodeUptime(node.id(), 10));
            assertThat(grid.get(status).body().get("status").asText()).isEqualTo("up");
            assertThat(grid.get("/nodes?status=up&ret_count=true").header("Count")).isEqualTo("1");

            grid.clock.advance(ExplorerFixture.REPORT_INTERVAL.multipliedBy(2).minusSeconds(1));
            assertThat(grid.get(status).body().get("status").asText()).isEqualTo("up");
            grid.clock.advance(Duration.ofSeconds(1));
            assertThat(grid.get(status).body().get("status").asText()).as("report too old").isEqualTo("down");
            assertThat(grid.get("/nodes?status=down&ret_count=true").header("Count")).isEqualTo("1");
            assertThat(grid.get("/stats").body().get("nodes_down").asLong()).isEqualTo(1);

            grid.submit(farmer.nodePowerTarget(node.id(), Power.DOWN));
            assertThat(grid.get(status).body().get("status").asText()).as("farmer powered it off").isEqualTo("standby");
            assertThat(grid.get("/nodes/" + node.id()).body().get("power").get("target").asText()).isEqualTo("down");

            grid.submit(node.twin().nodeUptime(node.id(), 20));
            assertThat(grid.get(status).body().get("status").asText()).as("reporting again").isEqualTo("up");

            grid.submit(node.twin().nodePowerState(node.id(), Power.DOWN));
            assertThat(grid.get(status).body().get("status").asText()).as("reported power down").isEqualTo("standby");
            assertThat(grid.get("/nodes?status=standby").body().size()).isEqualTo(1);
        }
    }
}
