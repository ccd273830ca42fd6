package dev.zos.farmer.nodes;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.GridOption;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.cli.kit.OutputFormat;
import dev.zos.core.ZosException;
import dev.zos.core.registry.client.FarmQuery;
import dev.zos.core.registry.client.GridFarm;
import dev.zos.core.registry.client.GridNode;
import dev.zos.core.registry.client.GridSession;
import dev.zos.core.registry.model.Power;
import dev.zos.farmer.farm.FarmOwner;
import dev.zos.farmer.power.FarmNodes;
import dev.zos.farmer.power.PowerChange;
import dev.zos.farmer.power.PowerSwitch;
import dev.zos.farmer.power.WakeOnLanOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(name = "power", mixinStandardHelpOptions = true,
        description = {"Set nodes' power target: off asks a node to stop taking work and power down (standby while it has",
            "workloads), on brings it back; a powered-on node of the farm wakes it over its LAN (Wake-on-LAN).",
            "Signed by the current identity's twin, which must own the nodes' farm. Every node is checked before",
            "anything is changed; a node already at the target is left alone."})
final class NodesPowerCommand extends BaseCommand {
    /** The words a farmer types. */
    enum Target {
        on(Power.UP), off(Power.DOWN);

        final Power power;

        Target(Power power) {
            this.power = power;
        }
    }

    @Parameters(index = "0", paramLabel = "on|off", description = "Power target: ${COMPLETION-CANDIDATES}.")
    Target target;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "NODE", description = "Node ids.")
    List<Long> nodeIds = new ArrayList<>();

    @Option(names = "--all", description = "Every node of the farm (--farm, or the one farm you own), with a summary.")
    boolean all;

    @Option(names = "--farm", paramLabel = "ID", description = "The farm for --all.")
    Long farm;

    @Mixin
    WakeOnLanOptions wakeOnLan;

    @Mixin
    GridOption grid;

    @Mixin
    OutputMixin output;

    NodesPowerCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        if (all == !nodeIds.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "name the nodes (NODE...) or give --all, not both");
        }
        if (farm != null && !all) {
            throw new ParameterException(spec.commandLine(), "--farm goes with --all");
        }
        if (target == Target.off && wakeOnLan.requested()) {
            throw new ParameterException(spec.commandLine(), "--wol and --broadcast go with 'on' only");
        }
        var wol = wakeOnLan.sender(); // validated before any change
        GridSession session = grid.open(context);
        List<GridNode> nodes = all ? FarmNodes.of(session, farmForAll(session)) : named(session);
        var power = new PowerSwitch(session, wol);
        List<PowerChange> changes = new ArrayList<>();
        for (GridNode n : nodes) {
            changes.add(power.set(n, target.power));
        }
        long changed = changes.stream().filter(PowerChange::changed).count();
        long woken = changes.stream().filter(c -> !c.wokenMacs().isEmpty()).count();
        if (output.format() != OutputFormat.TABLE) {
            output.print(out(), changes, null);
            return 0;
        }
        changes.forEach(c -> out().println(c.describe()));
        if (all || changes.size() > 1) {
            out().println(changes.size() + " node(s): " + changed + " changed to " + target.power.wire() + ", "
                    + (changes.size() - changed) + " already " + target.power.wire()
                    + (power.wakesOnLan() ? ", " + woken + " sent a magic packet" : ""));
        }
        out().flush();
        return 0;
    }

    /** Reads every named node and checks the farmer owns its farm, before anything is changed. */
    private List<GridNode> named(GridSession session) {
        List<GridNode> nodes = new ArrayList<>();
        var farms = new LinkedHashSet<Long>();
        for (long id : new LinkedHashSet<>(nodeIds)) {
            GridNode n = session.client().node(id);
            nodes.add(n);
            farms.add(n.farmId());
        }
        farms.forEach(f -> FarmOwner.require(session, f));
        return nodes;
    }

    private long farmForAll(GridSession session) {
        if (farm != null) {
            FarmOwner.require(session, farm);
            return farm;
        }
        List<GridFarm> own = session.client().farms(FarmQuery.ofTwin(session.requireTwin().twinId())).items();
        if (own.size() != 1) {
            throw ZosException.invalid("--all needs --farm ID: the current identity owns " + own.size() + " farms"
                    + (own.isEmpty() ? "" : " (" + String.join(", ", own.stream().map(f -> Long.toString(f.farmId())).toList()) + ")"));
        }
        return own.getFirst().farmId();
    }
}
