package dev.zos.node.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.zos.core.gridtypes.Capacity;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.ResultState;
import dev.zos.core.gridtypes.Workload;
import dev.zos.core.gridtypes.sign.DeploymentSigner;
import dev.zos.core.gridtypes.sign.TwinKeys;
import dev.zos.core.gridtypes.workload.Volume;
import dev.zos.core.gridtypes.workload.ZMount;
import dev.zos.core.identity.TwinKey;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Updates and restarts of the engine over a real store; the registry is a table here (the agent tests use the real one). */
class ProvisionEngineTest {
    static final long NODE = 5;
    static final long ALICE = 10;
    static final long GIB = 1L << 30;

    @TempDir
    Path dir;
    private final TwinKey key = TwinKey.fromSeed(new byte[32]);
    private final Map<Long, NodeContract> registry = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private ProvisionEngine engine;

    private final ContractSource contracts = new ContractSource() {
        @Override
        public Optional<NodeContract> contract(long id, long owner) {
            return Optional.ofNullable(registry.get(id)).filter(c -> c.twinId() == owner);
        }

        @Override
        public Map<Long, NodeContract> nodeContracts() {
            return Map.copyOf(registry);
        }
    };

    private final WorkloadDriver volumes = new WorkloadDriver() {
        @Override
        public String type() {
            return "volume";
        }

        @Override
        public JsonNode provision(WorkloadContext c) {
            calls.add("provision " + c.workload().name() + " v" + c.workload().version());
            return TextNode.valueOf(c.workloadId());
        }

        @Override
        public void deprovision(WorkloadContext c) {
            calls.add("deprovision " + c.workload().name());
        }
    };

    private ProvisionEngine newEngine() {
        return new ProvisionEngine(new NodeEnvironment(dir, URI.create("http://grid"), NODE), new WorkloadDrivers(List.of(volumes)),
                new DeploymentStore(dir.resolve("deployments")), contracts, TwinKeys.of(Map.of(ALICE, key.publicKey())),
                new Capacity(4, 16 * GIB, 100 * GIB, 0, 0), new Capacity(0, 2 * GIB, 0, 0, 0), Clock.systemUTC());
    }

    @BeforeEach
    void start() {
        engine = newEngine();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private Deployment contracted(Deployment d, long contract) {
        registry.put(contract, new NodeContract(contract, ALICE, NODE, d.challengeHashHex(), true));
        return DeploymentSigner.sign(d.withContractId(contract), ALICE, key);
    }

    private ResultState state(long contract, String name) {
        return engine.get(ALICE, contract).workload(name).orElseThrow().result().state();
    }

    @Test
    void anUpdateChangesNewerWorkloadsDropsMissingOnesAndKeepsTheRest() throws Exception {
        Deployment v0 = Deployment.create(ALICE, List.of(Workload.of("a", new Volume(GIB)), Workload.of("b", new Volume(GIB)),
                Workload.of("c", new Volume(GIB))));
        engine.deploy(ALICE, contracted(v0, 1));
        engine.awaitIdle(5000);
        assertThat(calls).containsExactly("provision a v0", "provision b v0", "provision c v0");
        calls.clear();

        Deployment v1 = new Deployment(1, ALICE, 0, "", "", 0, v0.signatureRequirement(), List.of(
                new Workload(1, "a", "volume", new Volume(2 * GIB), "", "", null), Workload.of("c", new Volume(GIB)),
                new Workload(1, "d", "volume", new Volume(GIB), "", "", null)));
        engine.update(ALICE, contracted(v1, 1));
        engine.awaitIdle(5000);
        assertThat(calls).containsExactlyInAnyOrder("deprovision b", "deprovision a", "provision a v1", "provision d v1");
        assertThat(engine.get(ALICE, 1).workloads()).extracting(Workload::name).containsExactly("a", "c", "d");
        assertThat(state(1, "c")).isEqualTo(ResultState.OK);
        assertThat(engine.statistics().used().sru()).isEqualTo(4 * GIB);

        Deployment typeChange = new Deployment(2, ALICE, 0, "", "", 0, v0.signatureRequirement(),
                List.of(new Workload(2, "a", "zmount", new ZMount(GIB), "", "", null)));
        assertThatThrownBy(() -> engine.update(ALICE, contracted(typeChange, 1)))
                .hasMessage("workload 'a' cannot change type from volume to zmount");
        assertThatThrownBy(() -> engine.update(ALICE, contracted(v1, 1))).hasMessageContaining("must be higher than the deployed version 1");
    }

    @Test
    void aNewEngineOnTheSameStoreHasEveryDeploymentAndReprovisionsOnlyLiveOnes() throws Exception {
        engine.deploy(ALICE, contracted(Deployment.create(ALICE, List.of(Workload.of("kept", new Volume(GIB)))), 1));
        engine.deploy(ALICE, contracted(Deployment.create(ALICE, List.of(Workload.of("gone", new Volume(2 * GIB)))), 2));
        engine.awaitIdle(5000);
        engine.close();
        registry.put(2L, new NodeContract(2, ALICE, NODE, registry.get(2L).deploymentHash(), false)); // cancelled while down
        calls.clear();
        try (var files = Files.list(dir.resolve("deployments"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("1.json", "2.json");
        }

        engine = newEngine();
        assertThat(state(1, "kept")).isEqualTo(ResultState.OK);
        engine.reconcile(true);
        engine.awaitIdle(5000);
        assertThat(calls).containsExactlyInAnyOrder("provision kept v0", "deprovision gone");
        assertThat(state(2, "gone")).isEqualTo(ResultState.DELETED);
        assertThat(engine.list(ALICE)).extracting(Deployment::contractId).containsExactly(1L);
    }

    @Test
    void storageBeyondWhatIsFreeIsRefusedNamingIt() {
        var d = Deployment.create(ALICE, List.of(Workload.of("big", new Volume(101 * GIB))));
        assertThatThrownBy(() -> engine.deploy(ALICE, contracted(d, 3)))
                .hasMessageContaining("not enough ssd storage (sru) on node 5: the deployment needs 108447924224 bytes more, 107374182400 bytes are free");
        assertThat(engine.all()).isEmpty();
        assertThat(dir.resolve("deployments")).doesNotExist();
    }
}
