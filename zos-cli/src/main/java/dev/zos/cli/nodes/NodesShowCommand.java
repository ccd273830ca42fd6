package dev.zos.cli.nodes;

import dev.zos.cli.kit.GridOption;
import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.cli.kit.Table;
import dev.zos.core.registry.client.GridNode;
import java.time.Instant;
import java.util.ArrayList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one node: status, power, capacity, last report.")
final class NodesShowCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "NODE", description = "Node id.")
    long nodeId;

    @Mixin
    GridOption grid;

    @Mixin
    OutputMixin output;

    NodesShowCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        GridNode node = grid.open(context).client().node(nodeId);
        output.print(out(), node, () -> {
            var fields = node.describe(Instant.now());
            return Table.ofFields(new ArrayList<>(fields.keySet()), new ArrayList<>(fields.values()));
        });
        return 0;
    }
}
