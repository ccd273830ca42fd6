package dev.zos.cli.farms;

import dev.zos.cli.kit.GridOption;
import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputFormat;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.cli.kit.Table;
import dev.zos.core.registry.client.FarmQuery;
import dev.zos.core.registry.client.GridFarm;
import dev.zos.core.registry.client.Paging;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List farms, ordered by id.")
final class FarmsListCommand extends BaseCommand {
    @Option(names = "--name", paramLabel = "NAME", description = "Only the farm with this exact name.")
    String name;

    @Option(names = "--twin", paramLabel = "TWIN", description = "Only farms owned by this twin id.")
    Long twin;

    @Option(names = "--page", paramLabel = "N", defaultValue = "1", description = "Page to show, from 1 (default: ${DEFAULT-VALUE}).")
    int page;

    @Option(names = "--size", paramLabel = "N", defaultValue = "50", description = "Farms per page, at most 1000 (default: ${DEFAULT-VALUE}).")
    int size;

    @Mixin
    GridOption grid;

    @Mixin
    OutputMixin output;

    FarmsListCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        var query = new FarmQuery(name, twin, new Paging(page, size));
        var result = grid.open(context).client().farms(query);
        List<GridFarm> farms = result.items();
        output.print(out(), farms, () -> new Table(List.of("ID", "NAME", "TWIN", "PUBLIC IPS (FREE/TOTAL)"),
                farms.stream().map(f -> List.of(Long.toString(f.farmId()), f.name(), Long.toString(f.twinId()),
                        f.freeIps() + "/" + f.publicIps().size())).toList()));
        if (result.total() > farms.size() && output.format() == OutputFormat.TABLE) {
            err().println(farms.size() + " of " + result.total() + " farms shown; --page N for more");
        }
        return 0;
    }
}
