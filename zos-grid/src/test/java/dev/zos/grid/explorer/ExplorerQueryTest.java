package dev.zos.grid.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zos.core.registry.model.Power;
import dev.zos.core.registry.tx.TransactionBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The read routes over a small grid built through POST /tx: shapes, filters, pagination, sorting. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplorerQueryTest {
    static final String HASH = "ab".repeat(16);

    ExplorerFixture grid;
    TransactionBuilder farmerA;
    TransactionBuilder farmerB;
    TransactionBuilder user;
    long alpha;
    long beta;
    long gamma;
    final List<ExplorerFixture.NodeRef> nodes = new ArrayList<>();
    long nodeContract;
    long nameContract;
    long cancelled;

    @BeforeAll
    void build() throws Exception {
        grid = new ExplorerFixture();
        farmerA = grid.twin(1);
        farmerB = grid.twin(2);
        user = grid.twin(3);
        alpha = grid.farm(farmerA, "alpha", 2);
        beta = grid.farm(farmerA, "beta", 0);
        gamma = grid.farm(farmerB, "gamma_farm", 1);
        nodes.add(grid.node(10, alpha, ExplorerFixture.gib(8, 32, 512, 2048), "Belgium"));
        nodes.add(grid.node(11, alpha, ExplorerFixture.gib(4, 16, 256, 0), "Germany"));
        nodes.add(grid.node(12, beta, ExplorerFixture.gib(16, 64, 1024, 0), "Belgium"));
        nodes.add(grid.node(13, gamma, ExplorerFixture.gib(2, 8, 128, 4096), "Egypt"));
        nodes.add(grid.node(14, gamma, ExplorerFixture.gib(32, 128, 2048, 0), "Egypt"));
        for (var n : nodes) {
            grid.submit(n.twin().nodeUptime(n.id(), 100));
        }
        grid.submit(farmerB.nodePowerTarget(nodes.get(4).id(), Power.DOWN));
        grid.submit(nodes.get(4).twin().nodePowerState(nodes.get(4).id(), Power.DOWN));
        nodeContract = grid.submit(user.contractNodeCreate(nodes.getFirst().id(), HASH, 1));
        grid.submit(nodes.getFirst().twin().contractResources(nodeContract, ExplorerFixture.gib(2, 4, 50, 0)));
        nameContract = grid.submit(user.contractNameCreate("web"));
        cancelled = grid.submit(user.contractNodeCreate(nodes.get(2).id(), "cd".repeat(16), 0));
        grid.submit(user.contractCancel(cancelled));
    }

    @AfterAll
    void close() throws Exception {
        grid.close();
    }

    static List<Long> ids(JsonNode array, String field) {
        assertThat(array.isArray()).as("array: %s", array).isTrue();
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get(field).asLong()).toList();
    }

    long node(int i) {
        return nodes.get(i).id();
    }

    @Test
    void nodeHasGridProxyShape() throws Exception {
        var a = grid.get("/nodes/" + node(0));
        assertThat(a.status()).isEqualTo(200);
        JsonNode n = a.body();
        assertThat(n.get("nodeId").asLong()).isEqualTo(node(0));
        assertThat(n.get("farmId").asLong()).isEqualTo(alpha);
        assertThat(n.get("farmName").asText()).isEqualTo("alpha");
        assertThat(n.get("twinId").asLong()).isEqualTo(nodes.getFirst().twin().twinId());
        assertThat(n.get("country").asText()).isEqualTo("Belgium");
        assertThat(n.get("total_resources").get("mru").asLong()).isEqualTo(32 * ExplorerFixture.GIB);
        assertThat(n.get("total_resources").get("cru").asLong()).isEqualTo(8);
        assertThat(n.get("used_resources").get("sru").asLong()).isEqualTo(50 * ExplorerFixture.GIB);
        assertThat(n.get("free_resources").get("mru").asLong()).isEqualTo(28 * ExplorerFixture.GIB);
        assertThat(n.get("location").get("latitude").asDouble()).isEqualTo(51.05);
        assertThat(n.get("location").get("city").asText()).isEqualTo("City10");
        assertThat(n.get("status").asText()).isEqualTo("up");
        assertThat(n.get("power").get("state").asText()).isEqualTo("up");
        assertThat(n.get("power").get("target").asText()).isEqualTo("up");
        assertThat(n.get("serialNumber").asText()).isEqualTo("SN-10");
        assertThat(n.get("uptime").asLong()).isEqualTo(100);
        assertThat(n.get("updatedAt").asLong()).isEqualTo(grid.clock.instant().getEpochSecond());
        assertThat(n.get("farm_free_ips").asLong()).isEqualTo(1);
        // this grid's addition: the registered interfaces, whose MACs Wake-on-LAN needs
        assertThat(n.get("interfaces").get(0).get("name").asText()).isEqualTo("zos");
        assertThat(n.get("interfaces").get(0).get("mac").asText()).isEqualTo("aa:bb:cc:dd:ee:ff");
        assertThat(n.get("interfaces").get(0).get("ips").get(0).asText()).isEqualTo("10.0.0.2");
        assertThat(a.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void nodeStatusRoute() throws Exception {
        assertThat(grid.get("/nodes/" + node(0) + "/status").body().toString()).isEqualTo("{\"status\":\"up\"}");
        assertThat(grid.get("/nodes/" + node(4) + "/status").body().get("status").asText()).isEqualTo("standby");
    }

    @Test
    void listsNodesInIdOrder() throws Exception {
        var a = grid.get("/nodes");
        assertThat(a.status()).isEqualTo(200);
        assertThat(ids(a.body(), "nodeId")).containsExactly(node(0), node(1), node(2), node(3), node(4));
        assertThat(a.header("Count")).isNull();
    }

    @Test
    void filtersNodes() throws Exception {
        assertThat(ids(grid.get("/nodes?farm_ids=" + alpha + "," + gamma).body(), "nodeId"))
                .containsExactly(node(0), node(1), node(3), node(4));
        assertThat(ids(grid.get("/nodes?farm_ids=" + alpha + "&farm_ids=" + beta).body(), "nodeId"))
                .containsExactly(node(0), node(1), node(2));
        assertThat(ids(grid.get("/nodes?country=belgium").body(), "nodeId")).containsExactly(node(0), node(2));
        assertThat(ids(grid.get("/nodes?status=standby").body(), "nodeId")).containsExactly(node(4));
        assertThat(ids(grid.get("/nodes?status=up,standby").body(), "nodeId")).hasSize(5);
        assertThat(ids(grid.get("/nodes?status=down").body(), "nodeId")).isEmpty();
        assertThat(ids(grid.get("/nodes?free_mru=" + 30 * ExplorerFixture.GIB).body(), "nodeId"))
                .containsExactly(node(2), node(4));
        assertThat(ids(grid.get("/nodes?free_hru=" + 3000 * ExplorerFixture.GIB).body(), "nodeId"))
                .containsExactly(node(3));
        assertThat(ids(grid.get("/nodes?free_sru=" + 1000 * ExplorerFixture.GIB + "&country=Egypt").body(), "nodeId"))
                .containsExactly(node(4));
        assertThat(ids(grid.get("/nodes?free_ips=1").body(), "nodeId")).containsExactly(node(0), node(1), node(3), node(4));
        assertThat(ids(grid.get("/nodes?twin_id=" + nodes.get(1).twin().twinId()).body(), "nodeId"))
                .containsExactly(node(1));
    }

    @Test
    void paginatesWithCountHeader() throws Exception {
        var first = grid.get("/nodes?size=2&page=1&ret_count=true");
        assertThat(ids(first.body(), "nodeId")).containsExactly(node(0), node(1));
        assertThat(first.header("Count")).isEqualTo("5");
        assertThat(ids(grid.get("/nodes?size=2&page=3&ret_count=true").body(), "nodeId")).containsExactly(node(4));
        var beyond = grid.get("/nodes?size=2&page=9&ret_count=true");
        assertThat(beyond.body().size()).isZero();
        assertThat(beyond.header("Count")).isEqualTo("5");
        var filtered = grid.get("/nodes?country=Egypt&size=1&ret_count=true");
        assertThat(filtered.header("Count")).isEqualTo("2");
        assertThat(grid.get("/nodes?size=2&ret_count=false").header("Count")).isNull();
        assertThat(grid.get("/farms?size=1&ret_count=true").header("Count")).isEqualTo("3");
        assertThat(grid.get("/twins?size=1&ret_count=true").header("Count")).isEqualTo("8");
        assertThat(grid.get("/contracts?size=1&ret_count=true").header("Count")).isEqualTo("3");
    }

    @Test
    void sortsNodes() throws Exception {
        assertThat(ids(grid.get("/nodes?sort_by=free_mru&sort_order=desc").body(), "nodeId"))
                .containsExactly(node(4), node(2), node(0), node(1), node(3));
        assertThat(ids(grid.get("/nodes?sort_by=total_cru").body(), "nodeId"))
                .containsExactly(node(3), node(1), node(0), node(2), node(4));
        assertThat(ids(grid.get("/nodes?sort_by=node_id&sort_order=DESC&size=2").body(), "nodeId"))
                .containsExactly(node(4), node(3));
        assertThat(ids(grid.get("/nodes?sort_by=farm_id&sort_order=desc").body(), "farmId"))
                .containsExactly(gamma, gamma, beta, alpha, alpha);
    }

    @Test
    void farms() throws Exception {
        var all = grid.get("/farms");
        assertThat(ids(all.body(), "farm_id")).containsExactly(alpha, beta, gamma);
        JsonNode a = all.body().get(0);
        assertThat(a.get("name").asText()).isEqualTo("alpha");
        assertThat(a.get("twin_id").asLong()).isEqualTo(farmerA.twinId());
        assertThat(a.get("pricing_policy_id").asLong()).isEqualTo(1);
        assertThat(a.get("public_ips").size()).isEqualTo(2);
        assertThat(a.get("public_ips").get(0).get("ip").asText()).isEqualTo("185.69.166.10/24");
        assertThat(a.get("public_ips").get(0).get("gateway").asText()).isEqualTo("185.69.166.1");
        assertThat(a.get("public_ips").get(0).get("contract_id").asLong()).isEqualTo(nodeContract);
        assertThat(ids(grid.get("/farms?twin_id=" + farmerA.twinId()).body(), "farm_id")).containsExactly(alpha, beta);
        assertThat(ids(grid.get("/farms?name=gamma_farm").body(), "farm_id")).containsExactly(gamma);
        assertThat(ids(grid.get("/farms?name_contains=AM").body(), "farm_id")).containsExactly(gamma);
        assertThat(ids(grid.get("/farms?free_ips=1").body(), "farm_id")).containsExactly(alpha, gamma);
        assertThat(ids(grid.get("/farms?farm_id=" + beta + "," + gamma).body(), "farm_id")).containsExactly(beta, gamma);
        assertThat(ids(grid.get("/farms?page=2&size=2").body(), "farm_id")).containsExactly(gamma);
        assertThat(grid.get("/farms/" + gamma).body().get("name").asText()).isEqualTo("gamma_farm");
        assertThat(grid.get("/farms/999").status()).isEqualTo(404);
    }

    @Test
    void twins() throws Exception {
        var list = grid.get("/twins?size=3");
        assertThat(ids(list.body(), "twin_id")).containsExactly(1L, 2L, 3L);
        var t = grid.get("/twins/" + user.twinId()).body();
        assertThat(t.get("relay").asText()).isEqualTo("wss://relay.example/3");
        assertThat(t.get("public_key").asText()).isEqualTo(ExplorerFixture.key(3).publicKeyHex());
        assertThat(t.has("pk")).isTrue();
        assertThat(ids(grid.get("/twins?twin_id=2").body(), "twin_id")).containsExactly(2L);
        String key = ExplorerFixture.key(3).publicKeyHex().toUpperCase();
        assertThat(ids(grid.get("/twins?public_key=" + key + "&ret_count=true").body(), "twin_id"))
                .containsExactly(user.twinId());
        assertThat(grid.get("/twins?public_key=" + key + "&twin_id=1").body().size()).isZero();
        assertThat(grid.get("/twins?twin_id=999&ret_count=true").header("Count")).isEqualTo("0");
        assertThat(grid.get("/twins/999").status()).isEqualTo(404);
    }

    @Test
    void contracts() throws Exception {
        assertThat(ids(grid.get("/contracts").body(), "contract_id")).containsExactly(nodeContract, nameContract, cancelled);
        var c = grid.get("/contracts/" + nodeContract).body();
        assertThat(c.get("twin_id").asLong()).isEqualTo(user.twinId());
        assertThat(c.get("state").asText()).isEqualTo("Created");
        assertThat(c.get("type").asText()).isEqualTo("node");
        assertThat(c.get("created_at").asLong()).isEqualTo(grid.clock.instant().getEpochSecond());
        assertThat(c.get("details").get("nodeId").asLong()).isEqualTo(node(0));
        assertThat(c.get("details").get("deployment_hash").asText()).isEqualTo(HASH);
        assertThat(c.get("details").get("number_of_public_ips").asInt()).isEqualTo(1);
        assertThat(c.get("details").get("farm_id").asLong()).isEqualTo(alpha);
        assertThat(c.get("details").get("farm_name").asText()).isEqualTo("alpha");
        var name = grid.get("/contracts/" + nameContract).body();
        assertThat(name.get("type").asText()).isEqualTo("name");
        assertThat(name.get("details").get("name").asText()).isEqualTo("web");
        assertThat(grid.get("/contracts/" + cancelled).body().get("state").asText()).isEqualTo("Deleted");
        assertThat(ids(grid.get("/contracts?type=name").body(), "contract_id")).containsExactly(nameContract);
        assertThat(ids(grid.get("/contracts?state=created").body(), "contract_id")).containsExactly(nodeContract, nameContract);
        assertThat(ids(grid.get("/contracts?state=Deleted,GracePeriod").body(), "contract_id")).containsExactly(cancelled);
        assertThat(ids(grid.get("/contracts?node_id=" + node(2)).body(), "contract_id")).containsExactly(cancelled);
        assertThat(ids(grid.get("/contracts?twin_id=" + farmerA.twinId()).body(), "contract_id")).isEmpty();
        assertThat(ids(grid.get("/contracts?contract_id=" + nameContract + "," + cancelled + "&type=node").body(),
                "contract_id")).containsExactly(cancelled);
        assertThat(grid.get("/contracts/999").status()).isEqualTo(404);
    }

    @Test
    void stats() throws Exception {
        JsonNode s = grid.get("/stats").body();
        assertThat(s.get("nodes").asLong()).isEqualTo(5);
        assertThat(s.get("farms").asLong()).isEqualTo(3);
        assertThat(s.get("twins").asLong()).isEqualTo(8);
        assertThat(s.get("countries").asLong()).isEqualTo(3);
        assertThat(s.get("public_ips").asLong()).isEqualTo(3);
        assertThat(s.get("used_public_ips").asLong()).isEqualTo(1);
        assertThat(s.get("contracts").asLong()).isEqualTo(2);
        assertThat(s.get("nodes_up").asLong()).isEqualTo(4);
        assertThat(s.get("nodes_standby").asLong()).isEqualTo(1);
        assertThat(s.get("total_cru").asLong()).isEqualTo(8 + 4 + 16 + 2 + 32);
        assertThat(s.get("total_mru").asLong()).isEqualTo((32 + 16 + 64 + 8 + 128) * ExplorerFixture.GIB);
        assertThat(s.get("log_entries").asLong()).isEqualTo(grid.registry.head());
    }

    @Test
    void versionAndHealth() throws Exception {
        assertThat(grid.get("/version").body().toString()).isEqualTo("{\"version\":\"1.2.3\"}");
        var h = grid.get("/health");
        assertThat(h.status()).isEqualTo(200);
        assertThat(h.body().toString()).isEqualTo("{\"status\":\"ok\"}");
    }
}
