package dev.zos.cli.deploy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.zos.core.ZosException;
import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.GridOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = {"Cancel a deployment's contract in the registry; the node then removes its workloads.",
            "Waits until the node reports every workload deleted, unless --no-wait."})
public final class CancelCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "NAME|CONTRACT", description = "Deployment name or contract id.")
    String ref;

    @Mixin
    WaitOptions wait;

    @Mixin
    GridOption grid;

    CancelCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        var session = grid.open(context);
        var records = new DeploymentRecords(context.dataDir());
        var target = DeploymentRef.resolve(ref, session, records);
        session.client().submit(session.signer().contractCancel(target.contractId()));
        records.remove(session.client().url().toString(), target.contractId());
        out().println("contract " + target.contractId() + " cancelled" + (target.name().isEmpty() ? "" : " (" + target.name() + ")"));
        out().flush();
        try (var nodes = NodeClient.open(session, NodeClient.DEFAULT_TIMEOUT)) {
            // the registry is the source of truth and the node reconciles with it on its own; telling the node now
            // saves waiting for its next pass
            try {
                nodes.call(target.nodeId(), "zos.deployment.delete",
                        JsonNodeFactory.instance.objectNode().put("contract_id", target.contractId()));
            } catch (ZosException e) {
                err().println("note: node " + target.nodeId() + " did not answer (" + e.getMessage()
                        + "); it removes the workloads at its next reconciliation with the registry");
                err().flush();
            }
            if (wait.waiting()) {
                new DeploymentWatch(nodes, out(), new Spinner(err(), context.interactive()))
                        .until(target.nodeId(), target.contractId(), DeploymentWatch::deleted, false, wait.timeout(),
                                "node " + target.nodeId() + " to delete the workloads");
                out().println("node " + target.nodeId() + " deleted every workload");
                out().flush();
            }
        }
        return 0;
    }
}
