package dev.zos.farmer.farm;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.core.registry.client.GridFarm;
import dev.zos.core.registry.client.NodeQuery;
import dev.zos.core.registry.client.Paging;
import dev.zos.cli.kit.GridOption;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a farm: owner, pricing policy, public IPs, node count.")
final class FarmShowCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Farm id.")
    long farmId;

    @Mixin
    GridOption grid;

    @Mixin
    OutputMixin output;

    FarmShowCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        var client = grid.open(context).client();
        GridFarm farm = client.farm(farmId);
        output.print(out(), farm, () -> FarmViews.one(farm, client.nodes(NodeQuery.builder()
                .farmIds(List.of(farmId)).paging(new Paging(1, 1)).build()).total()));
        return 0;
    }
}
