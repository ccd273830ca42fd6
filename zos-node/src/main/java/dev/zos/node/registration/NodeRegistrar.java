package dev.zos.node.registration;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zos.core.ZosException;
import dev.zos.core.files.AtomicFile;
import dev.zos.core.registry.client.GridClient;
import dev.zos.core.registry.client.GridNode;
import dev.zos.core.registry.client.NodeQuery;
import dev.zos.core.registry.model.Location;
import dev.zos.core.registry.model.Power;
import dev.zos.core.registry.tx.TransactionBuilder;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The node's records in the registry, every one signed by the node twin: {@code node.register} once,
 * {@code node.update} when what it reports changes or a day has passed, {@code node.uptime} on its interval,
 * {@code node.power.state} when it enters or leaves standby. What it last sent is kept in
 * {@code registration.json} on the data disk, so a restart sends an update only when something changed.
 */
public final class NodeRegistrar {
    private static final System.Logger LOG = System.getLogger(NodeRegistrar.class.getName());
    public static final Duration REFRESH = Duration.ofHours(24);
    /** The registry takes a location; the node does not know where it stands (zos asks a geoip service). */
    static final Location UNKNOWN = new Location("", "", "0", "0");
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final GridClient grid;
    private final TransactionBuilder signer;
    private final Path stateFile;
    private final Clock clock;
    private long nodeId;

    /** What the node last sent: kept on disk. */
    record Sent(long nodeId, NodeReport report, long at) {
    }

    public NodeRegistrar(GridClient grid, TransactionBuilder signer, Path stateFile, Clock clock) {
        this.grid = grid;
        this.signer = signer;
        this.stateFile = stateFile;
        this.clock = clock;
    }

    /** Whether farm {@code farmId} exists; a node of a missing farm is an orphan. */
    public static boolean farmExists(GridClient grid, long farmId) {
        if (farmId <= 0) {
            return false;
        }
        try {
            grid.farm(farmId);
            return true;
        } catch (ZosException e) {
            if (e.kind() == ZosException.Kind.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** This twin's node, registering it in {@code farmId} on first start; the node id. */
    public long register(long farmId, NodeReport report) {
        Optional<GridNode> existing = findOwnNode();
        if (existing.isPresent()) {
            nodeId = existing.get().nodeId();
            if (existing.get().farmId() != farmId) {
                LOG.log(Level.WARNING, "node " + nodeId + " is registered in farm " + existing.get().farmId()
                        + ", not in farm " + farmId + " as configured; a node keeps its farm");
            }
            refresh(report, false);
            return nodeId;
        }
        try {
            nodeId = grid.submit(signer.nodeRegister(farmId, report.resources(), UNKNOWN, report.interfaces(), report.serial(),
                    report.virtualized())).id();
        } catch (ZosException e) {
            if (e.kind() != ZosException.Kind.CONFLICT) {
                throw e;
            }
            nodeId = findOwnNode().orElseThrow(() -> e).nodeId(); // registered by a run that crashed before recording it
        }
        remember(new Sent(nodeId, report, clock.instant().getEpochSecond()));
        return nodeId;
    }

    public long nodeId() {
        return nodeId;
    }

    /** Sends {@code node.update} when the report differs from the last one sent, or the last is older than a day, or forced. */
    public boolean refresh(NodeReport report, boolean force) {
        Optional<Sent> last = lastSent();
        long now = clock.instant().getEpochSecond();
        boolean due = last.isEmpty() || last.get().nodeId() != nodeId || !last.get().report().equals(report)
                || now - last.get().at() >= REFRESH.toSeconds();
        if (!due && !force) {
            return false;
        }
        grid.submit(signer.nodeUpdate(nodeId, report.resources(), UNKNOWN, report.interfaces(), report.serial(), report.virtualized()));
        remember(new Sent(nodeId, report, now));
        return true;
    }

    public void reportUptime(long uptimeSeconds) {
        grid.submit(signer.nodeUptime(nodeId, uptimeSeconds));
    }

    public void reportPowerState(Power state) {
        grid.submit(signer.nodePowerState(nodeId, state));
    }

    /** The node as the explorer shows it now. */
    public GridNode node() {
        return grid.node(nodeId);
    }

    private Optional<GridNode> findOwnNode() {
        return grid.nodes(NodeQuery.builder().twinId(signer.twinId()).build()).items().stream().findFirst();
    }

    private Optional<Sent> lastSent() {
        try {
            return Files.exists(stateFile) ? Optional.of(JSON.readValue(stateFile.toFile(), Sent.class)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable: send again, which is always safe
        }
    }

    private void remember(Sent sent) {
        try {
            AtomicFile.replace(stateFile, JSON.writeValueAsBytes(sent));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot record the registration in " + stateFile + ": " + e.getMessage());
        }
    }
}
