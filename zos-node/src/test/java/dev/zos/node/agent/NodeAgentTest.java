package dev.zos.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.ResultState;
import dev.zos.core.gridtypes.SignatureRequest;
import dev.zos.core.gridtypes.SignatureRequirement;
import dev.zos.core.gridtypes.Workload;
import dev.zos.core.gridtypes.sign.DeploymentSigner;
import dev.zos.core.gridtypes.workload.PublicIp;
import dev.zos.core.gridtypes.workload.Volume;
import dev.zos.core.registry.model.Power;
import dev.zos.node.capacity.HostProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent in process mode against a real grid on loopback, driven by user twins over the real relay. */
class NodeAgentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private AgentFixture f;
    private FileVolumeDriver driver;

    @BeforeEach
    void setUp() throws Exception {
        f = new AgentFixture("agent");
        driver = new FileVolumeDriver(dir.resolve("node").resolve("volume"));
    }

    @AfterEach
    void tearDown() throws Exception {
        f.close();
    }

    private NodeAgent startNode() throws InterruptedException {
        return f.start(f.config(dir.resolve("node"), f.farmId), driver);
    }

    /** A signed one-volume deployment of {@code user} with a contract on the agent's node. */
    private Deployment deployment(AgentFixture.User user, NodeAgent node, long bytes) {
        Deployment d = Deployment.create(user.twin(), List.of(Workload.of("data", new Volume(bytes))));
        long contract = f.client.submit(user.tx().contractNodeCreate(node.nodeId(), d.challengeHashHex(), 0)).id();
        return DeploymentSigner.sign(d.withContractId(contract), user.twin(), user.key());
    }

    private Deployment awaitState(AgentFixture.User user, NodeAgent node, long contract, String name, ResultState state) {
        AgentFixture.await(() -> user.get(node.twinId(), contract).workload(name).orElseThrow().result().state() == state,
                name + " is " + state.wire());
        return user.get(node.twinId(), contract);
    }

    @Test
    void registersInItsFarmWithTheMachinesCapacityAndIsUp() throws Exception {
        NodeAgent node = startNode();
        var seen = f.client.node(node.nodeId());
        var probe = HostProbe.system();
        assertThat(seen.farmId()).isEqualTo(f.farmId);
        assertThat(seen.twinId()).isEqualTo(node.twinId());
        assertThat(seen.status()).isEqualTo("up");
        assertThat(seen.totalResources().cru()).isEqualTo(probe.cru()).isPositive();
        assertThat(seen.totalResources().mru()).isEqualTo(probe.mru()).isPositive();
        assertThat(seen.totalResources().sru()).isEqualTo(Files.getFileStore(dir).getTotalSpace());
        assertThat(seen.totalResources().hru()).isZero();

        Path seed = dir.resolve("node/identity/seed.txt");
        byte[] bytes = Files.readAllBytes(seed);
        assertThat(bytes).hasSize(39);
        assertThat(new String(bytes, 0, 7, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("\"1.0.0\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(seed))).isEqualTo("rw-------");
        assertThat(f.client.twin(node.twinId()).publicKey()).isEqualTo(dev.zos.node.identity.SeedFile.load(seed).publicKeyHex());
    }

    @Test
    void uptimeIsReportedOnItsIntervalAndChangesAreRegistered() throws Exception {
        NodeAgent node = f.start(f.config(dir.resolve("node"), f.farmId, java.time.Duration.ofMillis(500),
                java.time.Duration.ofMinutes(5)), driver);
        long first = f.client.node(node.nodeId()).updatedAt();
        AgentFixture.await(() -> f.client.node(node.nodeId()).updatedAt() > first, "a second uptime report");

        var probe = HostProbe.system();
        var report = new dev.zos.node.registration.NodeReport(new dev.zos.core.registry.model.Resources(probe.cru(), probe.mru(),
                Files.getFileStore(dir).getTotalSpace(), 0), dev.zos.node.registration.HostInterfaces.read(), probe.serial(),
                probe.virtualized());
        assertThat(node.registrar().refresh(report, false)).as("nothing changed since registration").isFalse();
        var grown = new dev.zos.node.registration.NodeReport(new dev.zos.core.registry.model.Resources(probe.cru(), probe.mru(),
                Files.getFileStore(dir).getTotalSpace(), 1L << 40), report.interfaces(), report.serial(), report.virtualized());
        assertThat(node.registrar().refresh(grown, false)).isTrue();
        assertThat(f.client.node(node.nodeId()).totalResources().hru()).isEqualTo(1L << 40);
        assertThat(node.registrar().refresh(grown, false)).isFalse();
    }

    @Test
    void aRestartKeepsTheNodeAndTwin() throws Exception {
        NodeAgent first = startNode();
        long node = first.nodeId();
        long twin = first.twinId();
        first.close();
        NodeAgent second = startNode();
        assertThat(second.nodeId()).isEqualTo(node);
        assertThat(second.twinId()).isEqualTo(twin);
        assertThat(f.client.nodes(dev.zos.core.registry.client.NodeQuery.builder().twinId(twin).build()).total()).isEqualTo(1);
    }

    @Test
    void aUserDeploysAndReadsTheResultsBack() throws Exception {
        NodeAgent node = startNode();
        var alice = f.user();
        Deployment d = deployment(alice, node, 1 << 20);
        assertThat(alice.call(node.twinId(), "zos.deployment.deploy", d)).isEqualTo("null");
        Deployment got = awaitState(alice, node, d.contractId(), "data", ResultState.OK);
        assertThat(got.challengeHashHex()).isEqualTo(d.challengeHashHex());
        assertThat(got.workload("data").orElseThrow().result().data().path("path").asText())
                .isEqualTo(driver.file(got.workloads().get(0).id(alice.twin(), d.contractId())).toString());
        assertThat(Files.exists(driver.file(alice.twin() + "-" + d.contractId() + "-data"))).isTrue();
        AgentFixture.await(() -> f.client.node(node.nodeId()).usedResources().sru() == 1 << 20, "the registry shows the used ssd");

        JsonNode list = JSON.readTree(alice.call(node.twinId(), "zos.deployment.list", "{}"));
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("contract_id").asLong()).isEqualTo(d.contractId());
        JsonNode changes = JSON.readTree(alice.call(node.twinId(), "zos.deployment.changes", "{\"contract_id\":" + d.contractId() + "}"));
        assertThat(changes.get(0).path("result").path("state").asText()).isEqualTo("ok");

        JsonNode stats = JSON.readTree(alice.call(node.twinId(), "zos.statistics.get", "{}"));
        assertThat(stats.path("users").path("deployments").asInt()).isEqualTo(1);
        assertThat(stats.path("used").path("sru").asLong()).isEqualTo(1 << 20);
        assertThat(stats.path("system").path("mru").asLong()).isPositive();
        assertThat(stats.path("used").path("mru").asLong()).isEqualTo(stats.path("system").path("mru").asLong());
        assertThat(stats.path("total").path("cru").asLong()).isEqualTo(HostProbe.system().cru());

        JsonNode logs = JSON.readTree(alice.call(node.twinId(), "zos.zmachine.logs",
                "{\"contract_id\":" + d.contractId() + ",\"name\":\"data\",\"offset\":0,\"max\":65536}"));
        assertThat(logs.path("text").asText()).isEqualTo("provisioned data\n");
        assertThat(logs.path("next").asLong()).isEqualTo(17);
        assertThat(JSON.readTree(alice.call(node.twinId(), "zos.system.version", "{}")).has("zos")).isTrue();
        assertThat(JSON.readTree(alice.call(node.twinId(), "zos.system.diagnostics", "{}")).path("relay_connected").asBoolean()).isTrue();
        assertThat(JSON.readTree(alice.call(node.twinId(), "zos.storage.pools", "{}")).get(0).path("used").asLong()).isEqualTo(1 << 20);

        var bob = f.user();
        assertThat(AgentFixture.message(() -> bob.call(node.twinId(), "zos.deployment.get", "{\"contract_id\":" + d.contractId() + "}")))
                .contains("deployment " + d.contractId() + " not found");
        assertThat(AgentFixture.message(() -> bob.call(node.twinId(), "zos.zmachine.logs",
                "{\"contract_id\":" + d.contractId() + ",\"name\":\"data\"}"))).contains("not found");
        assertThat(JSON.readTree(bob.call(node.twinId(), "zos.deployment.list", "{}"))).isEmpty();
        assertThat(AgentFixture.message(() -> bob.call(node.twinId(), "zos.deployment.delete", "{\"contract_id\":" + d.contractId() + "}")))
                .contains("not found");

        assertThat(alice.call(node.twinId(), "zos.deployment.delete", "{\"contract_id\":" + d.contractId() + "}")).isEqualTo("null");
        Deployment deleted = awaitState(alice, node, d.contractId(), "data", ResultState.DELETED);
        assertThat(deleted.workloads().get(0).result().message()).isEqualTo("deleted by its owner");
        assertThat(Files.exists(driver.file(alice.twin() + "-" + d.contractId() + "-data"))).isFalse();
        AgentFixture.await(() -> f.client.node(node.nodeId()).usedResources().sru() == 0, "the registry shows the ssd free again");
    }

    @Test
    void theNodeRefusesWhatFailsItsChecksNamingWhy() throws Exception {
        NodeAgent node = startNode();
        long nodeTwin = node.twinId();
        var alice = f.user();
        var bob = f.user();

        Deployment d = deployment(alice, node, 1 << 20);
        assertThat(AgentFixture.message(() -> bob.call(nodeTwin, "zos.deployment.deploy", d)))
                .contains("sender twin " + bob.twin() + " is not the deployment's owner twin " + alice.twin());

        Deployment noContract = DeploymentSigner.sign(Deployment.create(alice.twin(), List.of(Workload.of("v", new Volume(4096))))
                .withContractId(999_999), alice.twin(), alice.key());
        assertThat(AgentFixture.message(() -> alice.call(nodeTwin, "zos.deployment.deploy", noContract)))
                .contains("contract 999999 does not exist");

        Deployment other = Deployment.create(alice.twin(), List.of(Workload.of("v", new Volume(8192))));
        long contract = f.client.submit(alice.tx().contractNodeCreate(node.nodeId(), other.challengeHashHex(), 0)).id();
        Deployment mismatch = DeploymentSigner.sign(Deployment.create(alice.twin(), List.of(Workload.of("v", new Volume(4096))))
                .withContractId(contract), alice.twin(), alice.key());
        assertThat(AgentFixture.message(() -> alice.call(nodeTwin, "zos.deployment.deploy", mismatch)))
                .contains("does not match contract " + contract);

        Deployment unsigned = deployment(alice, node, 12_288).withSignatureRequirement(SignatureRequirement.owner(alice.twin()));
        assertThat(AgentFixture.message(() -> alice.call(nodeTwin, "zos.deployment.deploy", unsigned)))
                .contains("missing required signature of twin " + alice.twin());

        Deployment huge = deployment(alice, node, 1L << 50);
        assertThat(AgentFixture.message(() -> alice.call(nodeTwin, "zos.deployment.deploy", huge)))
                .contains("not enough ssd storage (sru)");

        assertThat(AgentFixture.message(() -> alice.call(nodeTwin, "zos.deployment.get", "{\"contract\":1}")))
                .contains("contract_id");
        assertThat(node.engine().all()).isEmpty();
    }

    @Test
    void aCoSignedDeploymentNeedsEveryRequiredSignature() throws Exception {
        NodeAgent node = startNode();
        var alice = f.user();
        var bob = f.user(false);
        Deployment d = Deployment.create(alice.twin(), List.of(Workload.of("shared", new Volume(4096))))
                .withSignatureRequirement(new SignatureRequirement(List.of(new SignatureRequest(alice.twin(), true, 1),
                        new SignatureRequest(bob.twin(), true, 1)), 2, List.of(), ""));
        long contract = f.client.submit(alice.tx().contractNodeCreate(node.nodeId(), d.challengeHashHex(), 0)).id();
        Deployment byAlice = DeploymentSigner.sign(d.withContractId(contract), alice.twin(), alice.key());
        assertThat(AgentFixture.message(() -> alice.call(node.twinId(), "zos.deployment.deploy", byAlice)))
                .contains("missing required signature of twin " + bob.twin());
        Deployment byBoth = DeploymentSigner.sign(byAlice, bob.twin(), bob.key());
        alice.call(node.twinId(), "zos.deployment.deploy", byBoth);
        awaitState(alice, node, contract, "shared", ResultState.OK);
        // a co-signer reads the deployment too
        assertThat(bob.get(node.twinId(), contract).contractId()).isEqualTo(contract);
    }

    @Test
    void aWorkloadTypeWithoutDriverEndsInAClearError() throws Exception {
        NodeAgent node = startNode();
        var alice = f.user();
        Deployment d = Deployment.create(alice.twin(), List.of(Workload.of("disk", new Volume(4096)),
                Workload.of("pub", new PublicIp(false, true))));
        long contract = f.client.submit(alice.tx().contractNodeCreate(node.nodeId(), d.challengeHashHex(), 0)).id();
        alice.call(node.twinId(), "zos.deployment.deploy", DeploymentSigner.sign(d.withContractId(contract), alice.twin(), alice.key()));
        Deployment got = awaitState(alice, node, contract, "pub", ResultState.ERROR);
        assertThat(got.workload("pub").orElseThrow().result().message()).isEqualTo("workload type ip is not supported on this node");
        // the engine orders workloads by type, so the volume may settle after the refused ip
        assertThat(awaitState(alice, node, contract, "disk", ResultState.OK).workload("disk").orElseThrow().result().state())
                .isEqualTo(ResultState.OK);
    }

    @Test
    void aContractCancelledInTheRegistryIsDeprovisioned() throws Exception {
        // no explicit reconcile below: the agent's own timer finds the cancellation
        NodeAgent node = f.start(f.config(dir.resolve("node"), f.farmId, java.time.Duration.ofMinutes(40),
                java.time.Duration.ofMillis(300)), driver);
        var alice = f.user();
        Deployment d = deployment(alice, node, 4096);
        alice.call(node.twinId(), "zos.deployment.deploy", d);
        awaitState(alice, node, d.contractId(), "data", ResultState.OK);
        Path file = driver.file(alice.twin() + "-" + d.contractId() + "-data");
        assertThat(file).exists();

        f.client.submit(alice.tx().contractCancel(d.contractId()));
        Deployment got = awaitState(alice, node, d.contractId(), "data", ResultState.DELETED);
        assertThat(got.workloads().get(0).result().message()).contains("contract " + d.contractId() + " was cancelled");
        assertThat(file).doesNotExist();
        assertThat(f.client.node(node.nodeId()).usedResources().sru()).isZero();
        assertThat(JSON.readTree(alice.call(node.twinId(), "zos.deployment.list", "{}"))).isEmpty();
        assertThat(JSON.readTree(alice.call(node.twinId(), "zos.statistics.get", "{}")).path("users").path("workloads").asInt()).isZero();
    }

    @Test
    void aRestartedNodeHasEveryDeploymentInItsLastState() throws Exception {
        NodeAgent node = startNode();
        var alice = f.user();
        Deployment ok = deployment(alice, node, 4096);
        alice.call(node.twinId(), "zos.deployment.deploy", ok);
        awaitState(alice, node, ok.contractId(), "data", ResultState.OK);
        node.close(); // like a kill: the agent's state is what it wrote to disk

        var restartedDriver = new FileVolumeDriver(dir.resolve("node").resolve("volume"));
        NodeAgent again = f.start(f.config(dir.resolve("node"), f.farmId), restartedDriver);
        again.engine().awaitIdle(10_000);
        assertThat(restartedDriver.adoptions.get()).isEqualTo(1); // reconciled: the driver adopted the existing volume
        Deployment got = alice.get(again.twinId(), ok.contractId());
        assertThat(got.workload("data").orElseThrow().result().state()).isEqualTo(ResultState.OK);
        assertThat(got.challengeHashHex()).isEqualTo(ok.challengeHashHex());
    }

    @Test
    void powerTargetDownMeansStandbyAndNoNewWork() throws Exception {
        NodeAgent node = startNode();
        var alice = f.user();
        f.client.submit(f.farmer.nodePowerTarget(node.nodeId(), Power.DOWN));
        node.followPowerTarget();
        assertThat(f.client.node(node.nodeId()).status()).isEqualTo("standby");
        Deployment d = deployment(alice, node, 4096);
        assertThat(AgentFixture.message(() -> alice.call(node.twinId(), "zos.deployment.deploy", d))).contains("standby");

        f.client.submit(f.farmer.nodePowerTarget(node.nodeId(), Power.UP));
        node.followPowerTarget();
        alice.call(node.twinId(), "zos.deployment.deploy", d);
        awaitState(alice, node, d.contractId(), "data", ResultState.OK);
    }

    @Test
    void anOrphanNodeRegistersAndServesNothing() throws Exception {
        NodeAgent none = f.start(f.config(dir.resolve("orphan0"), 0), driver);
        assertThat(none.orphanReason()).contains("no farm");
        assertThat(dir.resolve("orphan0/identity/seed.txt")).doesNotExist();
        NodeAgent missing = f.start(f.config(dir.resolve("orphan1"), 4_000_000_000L), driver);
        assertThat(missing.orphanReason()).contains("farm 4000000000 does not exist");
        assertThat(missing.peer()).isNull();
        assertThat(f.log).anyMatch(l -> l.contains("orphan node") && l.contains("registering nothing and provisioning nothing"));
    }
}
