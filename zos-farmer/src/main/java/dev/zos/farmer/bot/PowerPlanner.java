package dev.zos.farmer.bot;

import dev.zos.core.registry.client.Capacity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The power bot's rules, as a pure function of the farm's nodes and the time, in the spirit of ThreeFold's farmerbot:
 * <ol>
 *   <li>a node with contracts, or marked never-shutdown, is kept on;</li>
 *   <li>once a day every sleeping node is woken, so it reports and its disks are checked;</li>
 *   <li>when the powered-on nodes' capacity in use passes the threshold, one more node is woken;</li>
 *   <li>otherwise one idle surplus node — no contracts, nothing changed for {@code idle_after}, not the last one on —
 *       is powered off, if the others can carry the load below the threshold.</li>
 * </ol>
 */
final class PowerPlanner {

    /** One change the bot makes, and why. */
    record Decision(long nodeId, boolean powerOn, Rule rule, String reason) {
    }

    /** Which rule made a decision. */
    enum Rule { KEEP_ON, DAILY_WAKE, CAPACITY, IDLE }

    private final BotConfig config;

    PowerPlanner(BotConfig config) {
        this.config = config;
    }

    /** {@code lastPeriodicWake} is the UTC day the daily wake-up last ran (null: never). */
    List<Decision> plan(List<NodeView> nodes, Instant now, LocalDate lastPeriodicWake) {
        List<Decision> decisions = new ArrayList<>();
        for (NodeView n : nodes) {
            if (!n.on() && n.contracts() > 0) {
                decisions.add(new Decision(n.nodeId(), true, Rule.KEEP_ON, "it has " + n.contracts() + " active contract(s)"));
            } else if (!n.on() && config.neverShutdown().contains(n.nodeId())) {
                decisions.add(new Decision(n.nodeId(), true, Rule.KEEP_ON, "it is marked never_shutdown"));
            }
        }
        if (!decisions.isEmpty()) {
            return decisions;
        }
        if (periodicWakeDue(now, lastPeriodicWake)) {
            for (NodeView n : nodes) {
                if (!n.on()) {
                    decisions.add(new Decision(n.nodeId(), true, Rule.DAILY_WAKE, "daily wake-up at " + config.periodicWakeUp() + " UTC"));
                }
            }
            if (!decisions.isEmpty()) {
                return decisions;
            }
        }
        List<NodeView> on = nodes.stream().filter(NodeView::on).toList();
        int usage = NodeView.usagePercent(sum(on, true), sum(on, false));
        if (usage >= config.wakeUpThreshold() || on.isEmpty() && !nodes.isEmpty()) {
            nodes.stream().filter(n -> !n.on())
                    .max(Comparator.comparingLong((NodeView n) -> n.total().mru()).thenComparingLong(n -> -n.nodeId()))
                    .ifPresent(n -> decisions.add(new Decision(n.nodeId(), true, Rule.CAPACITY, on.isEmpty() ? "no node is on"
                            : "capacity in use " + usage + "% ≥ wake_up_threshold " + config.wakeUpThreshold() + "%")));
            return decisions;
        }
        long idleSince = now.getEpochSecond() - config.idleAfter().toSeconds();
        List<NodeView> candidates = on.stream()
                .filter(n -> n.contracts() == 0 && isZero(n.used()))
                .filter(n -> !config.neverShutdown().contains(n.nodeId()))
                .filter(n -> n.lastChange() <= idleSince)
                .sorted(Comparator.comparingLong((NodeView n) -> n.total().mru()).thenComparingLong(n -> -n.nodeId()))
                .toList();
        for (NodeView candidate : candidates) {
            List<NodeView> rest = on.stream().filter(n -> n.nodeId() != candidate.nodeId()).toList();
            if (rest.isEmpty()) {
                break;
            }
            int after = NodeView.usagePercent(sum(rest, true), sum(rest, false));
            if (after < config.wakeUpThreshold()) {
                decisions.add(new Decision(candidate.nodeId(), false, Rule.IDLE, "idle for " + config.idleAfter().toMinutes()
                        + " min with no contracts; the other " + rest.size() + " node(s) carry the load at " + after + "%"));
                break;
            }
        }
        return decisions;
    }

    boolean periodicWakeDue(Instant now, LocalDate lastPeriodicWake) {
        var utc = now.atOffset(ZoneOffset.UTC);
        return !utc.toLocalTime().isBefore(config.periodicWakeUp())
                && (lastPeriodicWake == null || lastPeriodicWake.isBefore(utc.toLocalDate()));
    }

    private static boolean isZero(Capacity c) {
        return c.cru() == 0 && c.mru() == 0 && c.sru() == 0 && c.hru() == 0;
    }

    private static Capacity sum(List<NodeView> nodes, boolean used) {
        long cru = 0, mru = 0, sru = 0, hru = 0;
        for (NodeView n : nodes) {
            Capacity c = used ? n.used() : n.total();
            cru += c.cru();
            mru += c.mru();
            sru += c.sru();
            hru += c.hru();
        }
        return new Capacity(cru, sru, hru, mru);
    }
}
