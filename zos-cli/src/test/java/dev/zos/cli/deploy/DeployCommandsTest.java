package dev.zos.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.zos.cli.ZosMain;
import dev.zos.cli.testnode.TestNodeAgent;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.json.GridJson;
import dev.zos.core.gridtypes.sign.SignatureVerifier;
import dev.zos.core.registry.client.ContractQuery;
import dev.zos.core.registry.client.GridContract;
import dev.zos.core.registry.model.Resources;
import dev.zos.grid.testing.TestGrid;
import dev.zos.testkit.CliHarness;
import dev.zos.testkit.CliHarness.CliResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deploy flow through the real command line, against an in-process grid and a test node on its relay. */
class DeployCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path EXAMPLE = Path.of("../examples/app.yaml");
    static final long GIB = 1L << 30;
    static TestGrid grid;
    static TestNodeAgent node;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        grid = TestGrid.shared();
        long farm = grid.newFarm("deploy_farm");
        node = TestNodeAgent.start(grid, farm, new Resources(8, 16 * GIB, 500 * GIB, 0));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** A user with a fresh identity whose twin is registered on the test grid; returns the harness. */
    CliHarness user(String name) throws Exception {
        var zos = new CliHarness(ZosMain.class, tmp.resolve(name));
        assertThat(zos.run("identity", "new", "--name", name).exitCode()).isZero();
        var used = zos.run("grid", "use", grid.url());
        assertThat(used.exitCode()).as(used.toString()).isZero();
        return zos;
    }

    static long twinOf(CliHarness zos) throws Exception {
        return JSON.readTree(zos.run("grid", "use", grid.url(), "-o", "json").out()).get("twinId").asLong();
    }

    static CliResult ok(CliResult r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    static void failsWithOneLine(CliResult r, int code, String... parts) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(code);
        if (code == 1) {
            assertThat(r.err().lines()).as(r.toString()).hasSize(1);
        }
        assertThat(r.err()).as(r.toString()).contains(parts).doesNotContain("\tat ");
    }

    List<GridContract> contracts(long twin) {
        return grid.client().contracts(ContractQuery.ofTwin(twin)).items();
    }

    @Test
    void quickContainersEachGetANetworkOfTheirOwn() throws Exception {
        var zos = user("quick");
        var networks = new java.util.HashSet<String>();
        var subnets = new java.util.HashSet<String>();
        for (String name : List.of("web", "db")) {
            JsonNode view = JSON.readTree(ok(zos.run("deploy", "container", "--name", name, "--flist", "https://hub.example/base.flist",
                    "--node", Long.toString(node.nodeId()), "--dry-run", "-o", "json")).out());
            Deployment d = GridJson.fromJson(view.get("deployment").toString());
            var net = d.workloads().stream().filter(w -> w.type().equals("network")).findFirst().orElseThrow();
            assertThat(net.name()).isEqualTo("net_" + name);
            networks.add(net.name());
            subnets.add(((dev.zos.core.gridtypes.workload.Network) net.data()).subnet().text());
        }
        // network names are unique per twin and node; two quick containers must not collide on either
        assertThat(networks).hasSize(2);
        assertThat(subnets).hasSize(2);
    }

    @Test
    void dryRunPrintsTheSignedDeploymentAndItsHashAndSendsNothing() throws Exception {
        var zos = user("dry");
        long twin = twinOf(zos);
        var r = ok(zos.run("deploy", "-f", EXAMPLE.toString(), "--node", Long.toString(node.nodeId()), "--dry-run", "-o", "json"));
        JsonNode view = JSON.readTree(r.out());
        Deployment d = GridJson.fromJson(view.get("deployment").toString());
        assertThat(view.get("hash").asText()).matches("[0-9a-f]{32}").isEqualTo(d.challengeHashHex());
        assertThat(view.get("nodeId").asLong()).isEqualTo(node.nodeId());
        assertThat(d.twinId()).isEqualTo(twin);
        assertThat(d.contractId()).isZero();
        assertThat(d.signatureRequirement().requests()).singleElement().satisfies(q -> assertThat(q.twinId()).isEqualTo(twin));
        assertThat(SignatureVerifier.verify(d, new RegistryTwins(grid.client())).valid()).isTrue();
        // the same deployment as the file, but for this twin: only twin ids differ from `deployment hash`
        assertThat(d.workloads()).hasSize(3);

        var yaml = ok(zos.run("deploy", "-f", EXAMPLE.toString(), "--dry-run", "-o", "yaml"));
        JsonNode y = new YAMLMapper().readTree(yaml.out());
        assertThat(y.get("hash").asText()).isEqualTo(view.get("hash").asText());

        var table = ok(zos.run("deploy", "-f", EXAMPLE.toString(), "--dry-run"));
        assertThat(table.out()).contains("dry run: nothing was sent; hash " + d.challengeHashHex()).contains("web", "zmachine");
        assertThat(contracts(twin)).isEmpty();
        assertThat(Files.exists(zos.context().dataDir().resolve("deployments.json"))).isFalse();
    }

    @Test
    void deployGetLogsListCallAndCancel() throws Exception {
        var zos = user("alice");
        long twin = twinOf(zos);
        String hash = JSON.readTree(zos.run("deploy", "-f", EXAMPLE.toString(), "--dry-run", "-o", "json").out()).get("hash").asText();

        var r = ok(zos.run("deploy", "-f", EXAMPLE.toString(), "--node", Long.toString(node.nodeId()), "--timeout", "30s"));
        assertThat(r.out()).contains("deploying app: contract").contains("web (zmachine): ok")
                .contains("data (zmount): ok").contains("net (network): ok");
        GridContract contract = contracts(twin).getFirst();
        assertThat(contract.state()).isEqualTo("Created");
        assertThat(contract.details().get("deployment_hash")).isEqualTo(hash);
        assertThat(((Number) contract.details().get("nodeId")).longValue()).isEqualTo(node.nodeId());
        String id = Long.toString(contract.contractId());
        assertThat(Files.readString(zos.context().dataDir().resolve("deployments.json"))).contains("\"app\"").contains(id);

        var get = ok(zos.run("get", "app"));
        assertThat(get.out()).contains("contract " + id).contains("hash " + hash).containsPattern("web\\s+zmachine\\s+ok");
        JsonNode json = JSON.readTree(ok(zos.run("get", id, "-o", "json")).out());
        assertThat(json.get("contract_id").asLong()).isEqualTo(contract.contractId());
        assertThat(json.get("workloads").get(2).get("result").get("state").asText()).isEqualTo("ok");

        assertThat(ok(zos.run("logs", "app")).out()).isEqualTo("booting web\nweb is up\n");
        node.log(contract.contractId(), "web", "request 1\n");
        assertThat(ok(zos.run("logs", "app", "--workload", "web")).out()).endsWith("web is up\nrequest 1\n");
        failsWithOneLine(zos.run("logs", "app", "--workload", "data"), 1, "no machine named 'data'", "machines: web");

        var list = ok(zos.run("list"));
        assertThat(list.out()).containsPattern("app\\s+" + id + "\\s+" + node.nodeId() + "\\s+Created\\s+ok 3/3");

        JsonNode stats = JSON.readTree(ok(zos.run("call", Long.toString(node.nodeId()), "zos.statistics.get")).out());
        assertThat(stats.get("total").get("mru").asLong()).isEqualTo(16 * GIB);
        assertThat(stats.get("users").get("deployments").asInt()).isPositive();
        JsonNode raw = JSON.readTree(ok(zos.run("call", Long.toString(node.nodeId()), "zos.deployment.get", "{\"contract_id\":" + id + "}")).out());
        assertThat(raw.get("twin_id").asLong()).isEqualTo(twin);
        failsWithOneLine(zos.run("call", Long.toString(node.nodeId()), "zos.deployment.get", "{\"contract_id\":999999}"), 1,
                "node " + node.nodeId() + " refused zos.deployment.get: deployment with contract 999999 not found");
        failsWithOneLine(zos.run("call", Long.toString(node.nodeId()), "zos.deployment.get", "{oops"), 1, "not JSON");

        failsWithOneLine(zos.run("deploy", "-f", EXAMPLE.toString(), "--node", Long.toString(node.nodeId())), 1,
                "a deployment named 'app' already exists");

        var cancel = ok(zos.run("cancel", "app"));
        assertThat(cancel.out()).contains("contract " + id + " cancelled (app)").contains("web (zmachine): deleted")
                .contains("deleted every workload");
        assertThat(contracts(twin).getFirst().state()).isEqualTo("Deleted");
        failsWithOneLine(zos.run("get", "app"), 1, "no deployment named 'app'");
        assertThat(ok(zos.run("list")).out().lines()).hasSize(1);
        assertThat(ok(zos.run("list", "--all")).out()).contains("Deleted");
    }

    @Test
    void logsFollowPrintsNewTextUntilTheMachineIsDeleted() throws Exception {
        var zos = user("erin");
        ok(zos.run("deploy", "container", "--name", "tail", "--flist", "https://hub.example/base.flist",
                "--node", Long.toString(node.nodeId())));
        long contract = contracts(twinOf(zos)).getFirst().contractId();
        var follow = java.util.concurrent.CompletableFuture.supplyAsync(() -> zos.run("logs", "tail", "--follow", "--interval", "100ms"));
        node.log(contract, "tail", "line 1\n");
        Thread.sleep(500);
        node.log(contract, "tail", "line 2\n");
        Thread.sleep(500);
        assertThat(follow).isNotDone();
        ok(zos.run("cancel", "tail", "--no-wait"));
        var r = ok(follow.get(30, java.util.concurrent.TimeUnit.SECONDS));
        assertThat(r.out()).isEqualTo("booting tail\ntail is up\nline 1\nline 2\n");
    }

    @Test
    void aFailedWorkloadExitsOneWithTheNodesMessage() throws Exception {
        var zos = user("bob");
        var r = zos.run("deploy", "container", "--name", "broken_vm", "--flist", "https://hub.example/broken.flist",
                "--cpu", "1", "--memory", "512MiB", "--disk", "data:1GiB:/data", "--env", "A=1",
                "--node", Long.toString(node.nodeId()));
        failsWithOneLine(r, 1, "workload broken_vm", "failed on node " + node.nodeId(),
                "cannot download flist https://hub.example/broken.flist: 404 Not Found");
        assertThat(r.out()).contains("broken_vm (zmachine): error");
        assertThat(node.deployment(contracts(twinOf(zos)).getFirst().contractId())).isPresent();
    }

    @Test
    void aFarmOnlyDeployPicksANodeWithEnoughFreeCapacity() throws Exception {
        long farm = grid.newFarm("pick_farm");
        try (var small = TestNodeAgent.start(grid, farm, new Resources(2, 1 * GIB, 100 * GIB, 0));
             var big = TestNodeAgent.start(grid, farm, new Resources(4, 8 * GIB, 100 * GIB, 0))) {
            var zos = user("carol");
            var first = ok(zos.run("deploy", "container", "--name", "vm1", "--flist", "https://hub.example/base.flist",
                    "--memory", "2GiB", "--farm", Long.toString(farm), "-o", "json"));
            JsonNode view = JSON.readTree(first.out());
            assertThat(view.get("nodeId").asLong()).isEqualTo(big.nodeId());
            assertThat(view.get("deployment").get("workloads").get(1).get("result").get("state").asText()).isEqualTo("ok");
            assertThat(first.err()).contains("vm1 (zmachine): ok");

            // 6 GiB of the big node's 8 GiB are free now, as it reported the contract's use to the registry
            failsWithOneLine(zos.run("deploy", "container", "--name", "vm2", "--flist", "https://hub.example/base.flist",
                    "--memory", "7GiB", "--farm", Long.toString(farm)), 1,
                    "farm " + farm + " has no up node with enough free capacity for 1 cpu, 7 GiB memory");
            var second = ok(zos.run("deploy", "container", "--name", "vm3", "--flist", "https://hub.example/base.flist",
                    "--memory", "512MiB", "--farm", Long.toString(farm), "--no-wait"));
            assertThat(second.out()).contains("zos get vm3").doesNotContain("(zmachine)");
            assertThat(small.nodeId()).isNotEqualTo(big.nodeId());
        }
    }

    @Test
    void coSignedDeploymentIsSentOnlyOnceTheWeightIsMet() throws Exception {
        var owner = user("owner");
        var cosigner = user("cosigner");
        var stranger = user("stranger");
        long ownerTwin = twinOf(owner);
        long cosignerTwin = twinOf(cosigner);
        Path pending = tmp.resolve("pending.json");

        var proposed = ok(owner.run("deploy", "-f", EXAMPLE.toString(), "--name", "shared", "--require", cosignerTwin + ":1",
                "--weight-required", "2", "-o", pending.toString(), "--node", Long.toString(node.nodeId())));
        assertThat(proposed.out()).contains("weight 1 of 2 required; still to sign: twin " + cosignerTwin + " (weight 1)");
        assertThat(contracts(ownerTwin)).isEmpty();
        PendingDeployment file = PendingDeployment.read(pending);
        String hash = file.deployment().challengeHashHex();
        assertThat(file.nodeId()).isEqualTo(node.nodeId());

        failsWithOneLine(owner.run("deploy", "--submit", pending.toString()), 1,
                "not enough signatures to submit", "weight 1 of 2 required", "still to sign: twin " + cosignerTwin);
        assertThat(contracts(ownerTwin)).isEmpty();

        failsWithOneLine(stranger.run("sign", pending.toString()), 1, "is not among the signers");
        failsWithOneLine(cosigner.run("deploy", "--submit", pending.toString()), 1, "only the owner, twin " + ownerTwin);

        var signed = ok(cosigner.run("sign", pending.toString()));
        assertThat(signed.out()).contains("hash " + hash).contains("signed by twin " + cosignerTwin)
                .contains("weight 2 of 2 required; ready to submit");

        var sent = ok(owner.run("deploy", "--submit", pending.toString()));
        assertThat(sent.out()).contains("deploying shared").contains("web (zmachine): ok");
        GridContract c = contracts(ownerTwin).getFirst();
        assertThat(c.details().get("deployment_hash")).isEqualTo(hash);
        Deployment onNode = node.deployment(c.contractId()).orElseThrow();
        assertThat(onNode.signatureRequirement().signatures()).extracting(s -> s.twinId()).containsExactly(ownerTwin, cosignerTwin);
        ok(owner.run("cancel", "shared", "--no-wait"));
    }

    @Test
    void badInputsGiveOneClearLine() throws Exception {
        var zos = user("dave");
        failsWithOneLine(zos.run("deploy", "-f", EXAMPLE.toString(), "--node", "99999"), 1, "node 99999 does not exist");
        failsWithOneLine(zos.run("deploy", "-f", EXAMPLE.toString()), 1, "pass --node NODE or --farm FARM");
        failsWithOneLine(zos.run("deploy", "-f", EXAMPLE.toString(), "--farm", "99999"), 1, "farm 99999 does not exist");
        failsWithOneLine(zos.run("deploy", "-f", EXAMPLE.toString(), "--dry-run", "-o", "xml"), 1, "invalid output format 'xml'");
        failsWithOneLine(zos.run("deploy", "-f", EXAMPLE.toString(), "--node", "1", "--timeout", "soon"), 2, "soon");
        failsWithOneLine(zos.run("deploy"), 1, "pass -f FILE");

        Path typo = tmp.resolve("typo.yaml");
        Files.writeString(typo, Files.readString(EXAMPLE).replace("        memory: 512MiB", "        memroy: 512MiB"));
        failsWithOneLine(zos.run("deploy", "-f", typo.toString(), "--node", Long.toString(node.nodeId())), 1, "memroy", "workloads[2]");

        failsWithOneLine(zos.run("deploy", "container", "--name", "vm", "--flist", "x", "--memory", "100MiB", "--dry-run"), 1,
                "compute_capacity.memory", "at least 250 MiB");
        failsWithOneLine(zos.run("deploy", "container", "--name", "vm", "--flist", "x", "--disk", "data:1GiB", "--dry-run"), 1,
                "invalid --disk 'data:1GiB'");
        failsWithOneLine(zos.run("get", "nope"), 1, "no deployment named 'nope'");
        failsWithOneLine(zos.run("cancel", "424242"), 1, "contract 424242 is not a node contract of your twin");
        failsWithOneLine(zos.run("sign", tmp.resolve("missing.json").toString()), 1, "missing.json: no such file");
        failsWithOneLine(zos.run("deploy", "--submit", EXAMPLE.toString()), 1, "not a pending deployment");

        var noIdentity = new CliHarness(ZosMain.class, tmp.resolve("nobody"));
        failsWithOneLine(noIdentity.run("deploy", "-f", EXAMPLE.toString(), "--node", Long.toString(node.nodeId()), "--grid", grid.url()),
                1, "no current identity");
        assertThat(contracts(twinOf(zos))).isEmpty();
    }
}
