package dev.zos.farmer.farm;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.core.registry.client.FarmQuery;
import dev.zos.core.registry.client.GridFarm;
import dev.zos.cli.kit.GridOption;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the farms the current identity's twin owns.")
final class FarmListCommand extends BaseCommand {
    @Mixin
    GridOption grid;

    @Mixin
    OutputMixin output;

    FarmListCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        var session = grid.open(context);
        List<GridFarm> farms = session.twin()
                .map(t -> session.client().farms(FarmQuery.ofTwin(t.twinId())).items())
                .orElse(List.of());
        output.print(out(), farms, () -> FarmViews.many(farms));
        return 0;
    }
}
