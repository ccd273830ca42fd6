package dev.zos.cli.nodes;

import dev.zos.cli.kit.GridOption;
import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputFormat;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.cli.kit.Table;
import dev.zos.core.gridtypes.ByteSize;
import dev.zos.core.registry.client.GridNode;
import dev.zos.core.registry.client.Human;
import dev.zos.core.registry.client.NodeQuery;
import dev.zos.core.registry.client.Paging;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List nodes with their free capacity, filtered as the grid's explorer filters them.")
final class NodesListCommand extends BaseCommand {
    @Option(names = "--farm", paramLabel = "ID", split = ",", description = "Only nodes of these farms (repeat or separate with commas).")
    List<Long> farms = new ArrayList<>();

    @Option(names = "--status", paramLabel = "STATUS", split = ",", description = "Only nodes with these statuses: up, standby, down.")
    List<String> statuses = new ArrayList<>();

    @Option(names = "--free-mru", paramLabel = "SIZE", description = "At least this much free memory (e.g. 2GiB).")
    String freeMru;

    @Option(names = "--free-sru", paramLabel = "SIZE", description = "At least this much free SSD storage (e.g. 50GiB).")
    String freeSru;

    @Option(names = "--free-hru", paramLabel = "SIZE", description = "At least this much free HDD storage (e.g. 1TiB).")
    String freeHru;

    @Option(names = "--free-ips", paramLabel = "N", description = "At least this many free public IPs in the node's farm.")
    Long freeIps;

    @Option(names = "--country", paramLabel = "COUNTRY", description = "Only nodes in this country.")
    String country;

    @Option(names = "--twin", paramLabel = "TWIN", description = "Only the node with this twin id.")
    Long twin;

    @Option(names = "--page", paramLabel = "N", defaultValue = "1", description = "Page to show, from 1 (default: ${DEFAULT-VALUE}).")
    int page;

    @Option(names = "--size", paramLabel = "N", defaultValue = "50", description = "Nodes per page, at most 1000 (default: ${DEFAULT-VALUE}).")
    int size;

    @Mixin
    GridOption grid;

    @Mixin
    OutputMixin output;

    NodesListCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        var query = NodeQuery.builder()
                .farmIds(farms)
                .statuses(statuses.stream().map(s -> s.strip().toLowerCase(java.util.Locale.ROOT)).toList())
                .freeMru(bytes(freeMru)).freeSru(bytes(freeSru)).freeHru(bytes(freeHru))
                .freeIps(freeIps).country(country).twinId(twin)
                .paging(new Paging(page, size))
                .build();
        var result = grid.open(context).client().nodes(query);
        List<GridNode> nodes = result.items();
        Instant now = Instant.now();
        output.print(out(), nodes, () -> new Table(
                List.of("ID", "FARM", "STATUS", "COUNTRY", "CPU", "FREE MEMORY", "FREE SSD", "FREE HDD", "LAST REPORT"),
                nodes.stream().map(n -> List.of(Long.toString(n.nodeId()), Long.toString(n.farmId()), n.status(),
                        n.country() == null ? "" : n.country(), Long.toString(n.totalResources().cru()),
                        freeOf(n.freeResources().mru(), n.totalResources().mru()),
                        freeOf(n.freeResources().sru(), n.totalResources().sru()),
                        freeOf(n.freeResources().hru(), n.totalResources().hru()),
                        Human.ago(n.updatedAt(), now))).toList()));
        if (result.total() > nodes.size() && output.format() == OutputFormat.TABLE) {
            err().println(nodes.size() + " of " + result.total() + " nodes shown; --page N for more");
        }
        return 0;
    }

    private static String freeOf(long free, long total) {
        return Human.size(free) + " / " + Human.size(total);
    }

    private static Long bytes(String size) {
        return size == null ? null : ByteSize.parse(size);
    }
}
