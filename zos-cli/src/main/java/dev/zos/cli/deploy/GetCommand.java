package dev.zos.cli.deploy;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.GridOption;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.json.GridJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Show a deployment as its node holds it, with each workload's state and message.")
public final class GetCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "NAME|CONTRACT", description = "Deployment name (see 'zos list') or contract id.")
    String ref;

    @Mixin
    GridOption grid;

    @Mixin
    OutputMixin output;

    GetCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() throws Exception {
        var session = grid.open(context);
        var target = DeploymentRef.resolve(ref, session, new DeploymentRecords(context.dataDir()));
        Deployment d;
        try (var nodes = NodeClient.open(session, NodeClient.DEFAULT_TIMEOUT)) {
            d = nodes.get(target.nodeId(), target.contractId());
        }
        // the gridtypes tree, so JSON and YAML carry the wire names and forms
        output.print(out(), GridJson.json().valueToTree(d), () -> {
            out().println((target.name().isEmpty() ? "" : target.name() + ": ") + "contract " + target.contractId()
                    + " on node " + target.nodeId() + ", version " + d.version() + ", hash " + d.challengeHashHex());
            return Render.workloads(d);
        });
        return 0;
    }
}
