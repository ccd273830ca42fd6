package dev.zos.farmer.nodes;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.core.registry.model.Power;
import dev.zos.cli.kit.GridOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "power", mixinStandardHelpOptions = true,
        description = {"Set a node's power target: off asks it to stop taking work and go to standby, on brings it back.",
            "Signed by the current identity's twin, which must own the node's farm."})
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

    @Parameters(index = "1", paramLabel = "NODE", description = "Node id.")
    long nodeId;

    @Mixin
    GridOption grid;

    NodesPowerCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        var session = grid.open(context);
        var receipt = session.client().submit(session.signer().nodePowerTarget(nodeId, target.power));
        out().println("node " + nodeId + ": power target set to " + target.power.wire() + " (log entry " + receipt.index() + ")");
        return 0;
    }
}
