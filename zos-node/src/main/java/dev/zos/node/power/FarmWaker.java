package dev.zos.node.power;

import dev.zos.core.ZosException;
import dev.zos.core.power.MacAddress;
import dev.zos.core.registry.client.GridClient;
import dev.zos.core.registry.client.GridNode;
import dev.zos.core.registry.client.NodeQuery;
import dev.zos.core.registry.client.Paging;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The node side of power management, as ThreeFold's zos power daemon does it: a powered-on node watches its farm in
 * the registry and wakes, with a magic packet on its own LAN, every node whose power target is {@code up} while its
 * reported power state is {@code down} (it powered itself off when the farmer or the bot set it down, and the target
 * has since gone back up). The node itself cannot be reached while it sleeps; its neighbours can.
 *
 * <p>Only one node of the farm sends, so a farm of fifty nodes does not send fifty packets per sleeper: the one with
 * the lowest node id among the nodes that are up with an {@code up} target (ThreeFold's election also picks the lowest
 * id among the nodes it reaches). Every node computes the same answer from the same registry, so no messages are
 * exchanged; when the waker itself goes to sleep, the next lowest takes over at its next look. Each sleeper is woken
 * again after a back-off ({@code firstRetry}, doubling up to {@code maxRetry}) until it reports its power state up;
 * a node that stopped reporting without saying it powered down (a crash) is not woken: it may not be off.
 */
public final class FarmWaker {
    private final GridClient grid;
    private final long farmId;
    private final long selfId;
    private final LanWaker lan;
    private final Clock clock;
    private final Consumer<String> log;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final Map<Long, Attempts> attempts = new HashMap<>();
    private Boolean leader;

    private record Attempts(int count, Instant next) {
    }

    /** What the waker is told: how often it looks and how it backs off per sleeping node. */
    public record Settings(Duration interval, Duration firstRetry, Duration maxRetry) {
        public static final Settings DEFAULT = new Settings(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(30));
    }

    public FarmWaker(GridClient grid, long farmId, long selfId, LanWaker lan, Settings settings, Clock clock, Consumer<String> log) {
        this.grid = grid;
        this.farmId = farmId;
        this.selfId = selfId;
        this.lan = lan;
        this.clock = clock;
        this.log = log;
        this.firstRetry = settings.firstRetry();
        this.maxRetry = settings.maxRetry();
    }

    /**
     * The node of {@code nodes} that wakes the others: the lowest id among those up with an up target; -1 if none.
     * {@code self} counts as up whatever the registry shows (it is running: its last uptime report may just be older
     * than the grid's window), so a farm is never left without a waker by a report that came late.
     */
    public static long waker(List<GridNode> nodes, long self) {
        return nodes.stream().filter(n -> ("up".equals(n.status()) || n.nodeId() == self) && "up".equals(n.power().target()))
                .mapToLong(GridNode::nodeId).min().orElse(-1);
    }

    /** Whether {@code n} powered itself off and should be up again. */
    public static boolean asleepButWanted(GridNode n) {
        return "up".equals(n.power().target()) && "down".equals(n.power().state());
    }

    /** One look at the farm; the ids of the nodes a magic packet was sent for. */
    public synchronized List<Long> round() {
        List<GridNode> nodes = farmNodes();
        long waker = waker(nodes, selfId);
        boolean lead = waker == selfId;
        if (leader == null || leader != lead) {
            log.accept("zos-node: " + (lead ? "this node wakes the farm's sleeping nodes (lowest id of the nodes up)"
                    : "node " + (waker < 0 ? "none" : Long.toString(waker)) + " wakes the farm's sleeping nodes, not this one"));
            leader = lead;
        }
        Instant now = clock.instant();
        List<Long> sent = new ArrayList<>();
        List<Long> sleepers = new ArrayList<>();
        for (GridNode n : nodes) {
            if (n.nodeId() == selfId || !asleepButWanted(n)) {
                continue;
            }
            sleepers.add(n.nodeId());
            Attempts a = attempts.get(n.nodeId());
            if (!lead || a != null && now.isBefore(a.next())) {
                continue;
            }
            int count = a == null ? 1 : a.count() + 1;
            Duration wait = backoff(count);
            attempts.put(n.nodeId(), new Attempts(count, now.plus(wait)));
            List<MacAddress> macs = n.macAddresses();
            if (macs.isEmpty()) {
                log.accept("zos-node: cannot wake node " + n.nodeId() + ": it registered no MAC address");
                continue;
            }
            for (MacAddress mac : macs) {
                try {
                    String where = lan.wake(mac);
                    log.accept("zos-node: waking node " + n.nodeId() + " (" + mac + ") via " + where
                            + ": its power target is up but it reported power state down; attempt " + count
                            + ", next in " + wait.toSeconds() + " s unless it comes up");
                } catch (ZosException e) {
                    log.accept("zos-node: waking node " + n.nodeId() + " (" + mac + ") failed: " + e.getMessage());
                }
            }
            sent.add(n.nodeId());
        }
        attempts.keySet().retainAll(sleepers); // a node that came up starts afresh next time
        return sent;
    }

    private Duration backoff(int attempt) {
        Duration d = firstRetry;
        for (int i = 1; i < attempt && d.compareTo(maxRetry) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxRetry) > 0 ? maxRetry : d;
    }

    private List<GridNode> farmNodes() {
        List<GridNode> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            var result = grid.nodes(NodeQuery.builder().farmIds(List.of(farmId)).paging(new Paging(page, Paging.MAX_SIZE)).build());
            all.addAll(result.items());
            if (result.items().size() < Paging.MAX_SIZE) {
                return all;
            }
        }
    }
}
