package dev.zos.cli.testnode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zos.cli.deploy.RegistryTwins;
import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.Capacity;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.Result;
import dev.zos.core.gridtypes.ResultState;
import dev.zos.core.gridtypes.Workload;
import dev.zos.core.gridtypes.json.GridJson;
import dev.zos.core.gridtypes.sign.SignatureVerifier;
import dev.zos.core.gridtypes.workload.ZMachine;
import dev.zos.core.identity.TwinKey;
import dev.zos.core.registry.client.ContractQuery;
import dev.zos.core.registry.client.GridClient;
import dev.zos.core.registry.client.GridContract;
import dev.zos.core.registry.client.Paging;
import dev.zos.core.registry.model.Location;
import dev.zos.core.registry.model.NodeInterface;
import dev.zos.core.registry.model.Resources;
import dev.zos.core.registry.tx.TransactionBuilder;
import dev.zos.core.rmb.peer.CommandRouter;
import dev.zos.core.rmb.peer.IncomingRequest;
import dev.zos.core.rmb.peer.PeerConfig;
import dev.zos.core.rmb.peer.RmbPeer;
import dev.zos.grid.testing.TestGrid;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * TEST FIXTURE, not the node agent: a registered node whose RMB peer answers the zos.* commands the CLI
 * uses, following the wire contract (JSON bodies; deploy returns once accepted, workloads are provisioned
 * asynchronously). It checks what a node must check before accepting (sender is the owner, signatures and
 * weights, a contract of this node with the deployment's hash) but provisions nothing: a workload becomes
 * {@code ok} shortly after, or {@code error} when its zmachine's flist URL contains "broken". A cancelled
 * contract in the registry makes {@code get} report the workloads deleted. The lead replaces this with
 * the real agent (zos-node) once both are merged.
 */
public final class TestNodeAgent implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GridClient client;
    private final long nodeId;
    private final long twinId;
    private final Resources total;
    private final RmbPeer peer;
    private final Map<Long, Deployment> deployments = new ConcurrentHashMap<>();
    private final Map<String, StringBuilder> logs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService provisioner = Executors.newSingleThreadScheduledExecutor();

    private final RegistryTwins twins;
    private final TransactionBuilder signer;

    private TestNodeAgent(GridClient client, long nodeId, long twinId, TwinKey key, TransactionBuilder signer, Resources total) {
        this.client = client;
        this.signer = signer;
        this.nodeId = nodeId;
        this.twinId = twinId;
        this.total = total;
        this.twins = new RegistryTwins(client);
        var router = new CommandRouter()
                .on("zos.deployment.deploy", r -> accept(r))
                .on("zos.deployment.update", r -> accept(r))
                .on("zos.deployment.get", r -> json(GridJson.json().valueToTree(current(owned(r)))))
                .on("zos.deployment.changes", r -> json(GridJson.json().valueToTree(current(owned(r)).workloads())))
                .on("zos.deployment.list", r -> json(GridJson.json().valueToTree(deployments.values().stream()
                        .filter(d -> d.twinId() == r.source().twin()).map(this::current).toList())))
                .on("zos.deployment.delete", r -> {
                    Deployment d = owned(r);
                    deployments.put(d.contractId(), withState(d, ResultState.DELETED, "deleted by request"));
                    return new byte[0];
                })
                .on("zos.statistics.get", r -> json(statistics()))
                .on("zos.zmachine.logs", this::logs);
        this.peer = RmbPeer.start(PeerConfig.builder(URI.create(client.relayUrl()), key, twinId)
                .directory(twins).router(router).build());
    }

    /** Registers a new node in {@code farmId} (its own twin, reported up) and connects it to the grid's relay. */
    public static TestNodeAgent start(TestGrid grid, long farmId, Resources resources) {
        GridClient client = grid.client();
        TwinKey key = TestGrid.newKey();
        long twin = client.submit(TransactionBuilder.twinCreate(key, client.relayUrl(), null)).id();
        var tx = TransactionBuilder.forTwin(key, twin);
        long node = client.submit(tx.nodeRegister(farmId, resources, new Location("Belgium", "Ghent", "51.05", "3.72"),
                List.of(new NodeInterface("eth0", "52:54:00:12:34:57", List.of("10.0.2.16"))), "SN-TEST", true)).id();
        client.submit(tx.nodeUptime(node, 60));
        return new TestNodeAgent(client, node, twin, key, tx, resources);
    }

    public long nodeId() {
        return nodeId;
    }

    public long twinId() {
        return twinId;
    }

    /** Adds text to a machine's console log. */
    public void log(long contractId, String workload, String text) {
        logs.computeIfAbsent(contractId + "/" + workload, k -> new StringBuilder()).append(text);
    }

    public Optional<Deployment> deployment(long contractId) {
        return Optional.ofNullable(deployments.get(contractId));
    }

    private byte[] accept(IncomingRequest r) {
        Deployment d = GridJson.fromJson(new String(r.payload(), StandardCharsets.UTF_8)).validate();
        if (r.source().twin() != d.twinId()) {
            throw ZosException.forbidden("sender twin " + r.source().twin() + " is not the deployment's owner " + d.twinId());
        }
        SignatureVerifier.verify(d, twins).orThrow();
        GridContract c = contract(d.twinId(), d.contractId()).orElseThrow(() -> ZosException.notFound(
                "contract " + d.contractId() + " of twin " + d.twinId() + " is not a contract of node " + nodeId));
        if (!"Created".equals(c.state())) {
            throw ZosException.invalid("contract " + d.contractId() + " is " + c.state());
        }
        String hash = String.valueOf(c.details().get("deployment_hash"));
        if (!hash.equals(d.challengeHashHex())) {
            throw ZosException.invalid("contract " + d.contractId() + " holds hash " + hash + ", the deployment hashes to "
                    + d.challengeHashHex());
        }
        Capacity used = deployments.values().stream().filter(x -> x.workloads().stream().noneMatch(w -> w.result().state() == ResultState.DELETED))
                .map(Deployment::capacity).reduce(Capacity.ZERO, Capacity::plus).plus(d.capacity());
        if (used.mru() > total.mru() || used.cru() > total.cru()) {
            throw ZosException.invalid("not enough capacity on node " + nodeId + " for this deployment");
        }
        long now = System.currentTimeMillis() / 1000;
        deployments.put(d.contractId(), d.withWorkloads(d.workloads().stream()
                .map(w -> w.withResult(new Result(now, ResultState.INIT, "", null))).toList()));
        Capacity need = d.capacity();
        // as a node does: report what the contract uses, so the explorer's free capacity shrinks
        client.submit(signer.contractResources(d.contractId(), new Resources(need.cru(), need.mru(), need.sru(), need.hru())));
        provisioner.schedule(() -> provision(d.contractId()), 200, TimeUnit.MILLISECONDS);
        return new byte[0];
    }

    private void provision(long contractId) {
        Deployment d = deployments.get(contractId);
        long now = System.currentTimeMillis() / 1000;
        var done = new ArrayList<Workload>();
        for (Workload w : d.workloads()) {
            boolean broken = w.data() instanceof ZMachine vm && vm.flist().contains("broken");
            done.add(w.withResult(broken ? new Result(now, ResultState.ERROR, "cannot download flist " + ((ZMachine) w.data()).flist()
                    + ": 404 Not Found", null) : new Result(now, ResultState.OK, "", null)));
            if (w.data() instanceof ZMachine && !broken) {
                log(contractId, w.name(), "booting " + w.name() + "\n" + w.name() + " is up\n");
            }
        }
        deployments.put(contractId, d.withWorkloads(done));
    }

    private Deployment owned(IncomingRequest r) throws Exception {
        long id = JSON.readTree(r.payload()).path("contract_id").asLong(-1);
        Deployment d = deployments.get(id);
        if (d == null || d.twinId() != r.source().twin()) {
            throw ZosException.notFound("deployment with contract " + id + " not found");
        }
        return d;
    }

    /** As the node sees it now: a contract cancelled in the registry means deleted workloads. */
    private Deployment current(Deployment d) {
        boolean active = contract(d.twinId(), d.contractId()).map(c -> !"Deleted".equals(c.state())).orElse(false);
        if (!active && d.workloads().stream().anyMatch(w -> w.result().state() != ResultState.DELETED)) {
            d = withState(d, ResultState.DELETED, "contract cancelled");
            deployments.put(d.contractId(), d);
        }
        return d;
    }

    private static Deployment withState(Deployment d, ResultState state, String message) {
        long now = System.currentTimeMillis() / 1000;
        return d.withWorkloads(d.workloads().stream().map(w -> w.withResult(new Result(now, state, message, null))).toList());
    }

    private Optional<GridContract> contract(long owner, long id) {
        return client.contracts(new ContractQuery(owner, nodeId, "node", null, new Paging(1, 1000))).items().stream()
                .filter(c -> c.contractId() == id).findFirst();
    }

    private byte[] logs(IncomingRequest r) throws Exception {
        JsonNode body = JSON.readTree(r.payload());
        Deployment d = owned(r);
        String name = body.path("name").asText();
        if (d.workload(name).isEmpty()) {
            throw ZosException.notFound("workload " + name + " not found");
        }
        String text = logs.getOrDefault(d.contractId() + "/" + name, new StringBuilder()).toString();
        int offset = (int) Math.min(body.path("offset").asLong(0), text.length());
        int max = Math.max(1, body.path("max").asInt(65536));
        String part = text.substring(offset, Math.min(text.length(), offset + max));
        return json(JSON.createObjectNode().put("offset", offset).put("text", part).put("next", offset + part.length()));
    }

    private JsonNode statistics() {
        Capacity used = deployments.values().stream().filter(x -> x.workloads().stream().noneMatch(w -> w.result().state() == ResultState.DELETED))
                .map(Deployment::capacity).reduce(Capacity.ZERO, Capacity::plus);
        ObjectNode s = JSON.createObjectNode();
        s.set("total", JSON.valueToTree(Map.of("cru", total.cru(), "mru", total.mru(), "sru", total.sru(), "hru", total.hru(), "ipv4u", 0)));
        s.set("used", JSON.valueToTree(used));
        s.set("system", JSON.valueToTree(Map.of("cru", 0, "mru", 0, "sru", 0, "hru", 0, "ipv4u", 0)));
        s.set("users", JSON.createObjectNode().put("deployments", deployments.size())
                .put("workloads", deployments.values().stream().mapToInt(x -> x.workloads().size()).sum()));
        return s;
    }

    private static byte[] json(JsonNode node) throws Exception {
        return JSON.writeValueAsBytes(node);
    }

    @Override
    public void close() {
        peer.close();
        provisioner.shutdownNow();
    }
}
