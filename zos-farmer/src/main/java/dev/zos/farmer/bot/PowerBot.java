package dev.zos.farmer.bot;

import dev.zos.core.registry.client.ContractQuery;
import dev.zos.core.registry.client.GridNode;
import dev.zos.core.registry.client.GridSession;
import dev.zos.core.registry.client.Paging;
import dev.zos.core.registry.model.Power;
import dev.zos.farmer.power.FarmNodes;
import dev.zos.farmer.power.PowerChange;
import dev.zos.farmer.power.PowerSwitch;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One round at a time: read the farm from the registry, plan with {@link PowerPlanner}, set power targets through the
 * {@link PowerSwitch} (the same path as {@code nodes power}, with its magic packets when asked), log why.
 */
final class PowerBot {
    private final BotConfig config;
    private final GridSession session;
    private final Path memoryFile;
    private final Clock clock;
    private final boolean dryRun;
    private final PrintWriter log;
    private final PowerPlanner planner;
    private final PowerSwitch power;
    private final Map<Long, GridNode> seen = new HashMap<>();

    PowerBot(BotConfig config, GridSession session, PowerSwitch power, Path memoryFile, Clock clock, boolean dryRun, PrintWriter log) {
        this.config = config;
        this.session = session;
        this.power = power;
        this.memoryFile = memoryFile;
        this.clock = clock;
        this.dryRun = dryRun;
        this.log = log;
        this.planner = new PowerPlanner(config);
    }

    List<PowerPlanner.Decision> round() {
        Instant now = clock.instant();
        BotMemory memory = BotMemory.load(memoryFile);
        List<NodeView> nodes = nodes(memory, now);
        boolean dailyDue = planner.periodicWakeDue(now, memory.lastPeriodicWake());
        List<PowerPlanner.Decision> decisions = planner.plan(nodes, now, memory.lastPeriodicWake());
        for (PowerPlanner.Decision d : decisions) {
            String verb = d.powerOn() ? "power on" : "power off";
            String woken = "";
            if (!dryRun) {
                PowerChange change = power.set(seen.get(d.nodeId()), d.powerOn() ? Power.UP : Power.DOWN);
                memory = memory.changed(d.nodeId(), now.getEpochSecond());
                woken = change.wokenMacs().isEmpty() ? "" : "; magic packet to " + String.join(", ", change.wokenMacs())
                        + " via " + change.sentTo();
            }
            log.println(now + " node " + d.nodeId() + ": " + (dryRun ? "would " : "") + verb + " — " + d.reason() + woken);
        }
        if (decisions.isEmpty()) {
            log.println(now + " farm " + config.farm() + ": no change (" + nodes.stream().filter(NodeView::on).count() + " of "
                    + nodes.size() + " node(s) on)");
        }
        if (dailyDue && decisions.stream().noneMatch(d -> d.rule() == PowerPlanner.Rule.KEEP_ON) && !dryRun) {
            memory = memory.wokeAllOn(now.atOffset(ZoneOffset.UTC).toLocalDate());
        }
        if (!dryRun) {
            memory.save(memoryFile);
        }
        log.flush();
        return decisions;
    }

    private List<NodeView> nodes(BotMemory memory, Instant now) {
        List<NodeView> views = new ArrayList<>();
        seen.clear();
        for (GridNode n : FarmNodes.of(session, config.farm())) {
            seen.put(n.nodeId(), n);
            long contracts = session.client().contracts(new ContractQuery(null, n.nodeId(), "node", "created", new Paging(1, 1))).total();
            long booted = n.uptime() > 0 && "up".equals(n.status()) ? n.updatedAt() - n.uptime() : 0;
            long last = Math.max(memory.lastChange().getOrDefault(n.nodeId(), 0L), booted);
            views.add(new NodeView(n.nodeId(), "up".equals(n.power().target()), "up".equals(n.status()),
                    n.totalResources(), n.usedResources(), contracts, last));
        }
        return views;
    }
}
