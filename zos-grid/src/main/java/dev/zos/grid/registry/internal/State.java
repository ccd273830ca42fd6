package dev.zos.grid.registry.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.zos.core.registry.model.Farm;
import dev.zos.core.registry.model.NameContract;
import dev.zos.core.registry.model.Node;
import dev.zos.core.registry.model.NodeContract;
import dev.zos.core.registry.model.Resources;
import dev.zos.core.registry.model.Twin;
import dev.zos.grid.registry.store.EntityKind;
import dev.zos.grid.registry.store.EntityRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The registry state that applying the log produces: entities, the indexes the rules need, nonces and id
 * counters. A fork collects one transaction's (or one batch's) changes without touching its parent.
 */
public final class State {
    static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    final Layer<Long, Twin> twins;
    final Layer<String, Long> twinByKey;
    final Layer<Long, Long> nonces;
    final Layer<Long, Farm> farms;
    final Layer<String, Long> farmByName;
    final Layer<Long, Node> nodes;
    final Layer<Long, Long> nodeByTwin;
    final Layer<Long, NodeContract> nodeContracts;
    final Layer<Long, NameContract> nameContracts;
    /** Active name contracts by name. */
    final Layer<String, Long> activeNames;
    /** Active node contracts by "node/hash". */
    final Layer<String, Long> activeDeployments;
    /** Sum of the reported resources of each node's active contracts. */
    final Layer<Long, Resources> usedByNode;
    final Layer<String, Long> counters;
    private final State parent;

    private State(State parent) {
        this.parent = parent;
        twins = parent == null ? Layer.root() : parent.twins.fork();
        twinByKey = parent == null ? Layer.root() : parent.twinByKey.fork();
        nonces = parent == null ? Layer.root() : parent.nonces.fork();
        farms = parent == null ? Layer.root() : parent.farms.fork();
        farmByName = parent == null ? Layer.root() : parent.farmByName.fork();
        nodes = parent == null ? Layer.root() : parent.nodes.fork();
        nodeByTwin = parent == null ? Layer.root() : parent.nodeByTwin.fork();
        nodeContracts = parent == null ? Layer.root() : parent.nodeContracts.fork();
        nameContracts = parent == null ? Layer.root() : parent.nameContracts.fork();
        activeNames = parent == null ? Layer.root() : parent.activeNames.fork();
        activeDeployments = parent == null ? Layer.root() : parent.activeDeployments.fork();
        usedByNode = parent == null ? Layer.root() : parent.usedByNode.fork();
        counters = parent == null ? Layer.root() : parent.counters.fork();
    }

    public static State empty() {
        return new State(null);
    }

    public State fork() {
        return new State(this);
    }

    public void mergeIntoParent() {
        twins.mergeIntoParent();
        twinByKey.mergeIntoParent();
        nonces.mergeIntoParent();
        farms.mergeIntoParent();
        farmByName.mergeIntoParent();
        nodes.mergeIntoParent();
        nodeByTwin.mergeIntoParent();
        nodeContracts.mergeIntoParent();
        nameContracts.mergeIntoParent();
        activeNames.mergeIntoParent();
        activeDeployments.mergeIntoParent();
        usedByNode.mergeIntoParent();
        counters.mergeIntoParent();
    }

    long nextId(String sequence) {
        Long last = counters.get(sequence);
        long next = last == null ? 1 : last + 1;
        counters.put(sequence, next);
        return next;
    }

    /** The state-table rows this fork changed. */
    public List<EntityRow> changedRows() {
        var rows = new ArrayList<EntityRow>();
        rows(EntityKind.TWIN, twins.changes(), rows);
        rows(EntityKind.FARM, farms.changes(), rows);
        rows(EntityKind.NODE, nodes.changes(), rows);
        rows(EntityKind.NODE_CONTRACT, nodeContracts.changes(), rows);
        rows(EntityKind.NAME_CONTRACT, nameContracts.changes(), rows);
        rows(EntityKind.NONCE, nonces.changes(), rows);
        return rows;
    }

    /** Every state-table row of a root state. */
    public List<EntityRow> allRows() {
        var rows = new ArrayList<EntityRow>();
        twins.values().forEach(t -> rows.add(row(EntityKind.TWIN, t.id(), t)));
        farms.values().forEach(f -> rows.add(row(EntityKind.FARM, f.id(), f)));
        nodes.values().forEach(n -> rows.add(row(EntityKind.NODE, n.id(), n)));
        nodeContracts.values().forEach(c -> rows.add(row(EntityKind.NODE_CONTRACT, c.id(), c)));
        nameContracts.values().forEach(c -> rows.add(row(EntityKind.NAME_CONTRACT, c.id(), c)));
        twins.values().forEach(t -> rows.add(row(EntityKind.NONCE, t.id(), nonces.get(t.id()))));
        return rows;
    }

    private static <V> void rows(EntityKind kind, Map<Long, V> changes, List<EntityRow> out) {
        changes.forEach((id, v) -> {
            if (v != null) {
                out.add(row(kind, id, v));
            }
        });
    }

    private static EntityRow row(EntityKind kind, long id, Object value) {
        try {
            return new EntityRow(kind, id, JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + kind + " " + id + " as JSON", e);
        }
    }

    boolean isRoot() {
        return parent == null;
    }

    // read access for queries

    public Twin twin(long id) {
        return twins.get(id);
    }

    public Long twinIdByKey(String publicKeyHex) {
        return twinByKey.get(publicKeyHex);
    }

    public long lastNonce(long twinId) {
        Long n = nonces.get(twinId);
        return n == null ? -1 : n;
    }

    public Farm farm(long id) {
        return farms.get(id);
    }

    public Node node(long id) {
        return nodes.get(id);
    }

    public Long nodeIdByTwin(long twinId) {
        return nodeByTwin.get(twinId);
    }

    public NodeContract nodeContract(long id) {
        return nodeContracts.get(id);
    }

    public NameContract nameContract(long id) {
        return nameContracts.get(id);
    }

    public Resources used(long nodeId) {
        Resources r = usedByNode.get(nodeId);
        return r == null ? Resources.NONE : r;
    }

    public java.util.Collection<Twin> allTwins() {
        return twins.values();
    }

    public java.util.Collection<Farm> allFarms() {
        return farms.values();
    }

    public java.util.Collection<Node> allNodes() {
        return nodes.values();
    }

    public java.util.Collection<NodeContract> allNodeContracts() {
        return nodeContracts.values();
    }

    public java.util.Collection<NameContract> allNameContracts() {
        return nameContracts.values();
    }
}
