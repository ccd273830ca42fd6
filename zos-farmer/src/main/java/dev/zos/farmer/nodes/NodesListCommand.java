package dev.zos.farmer.nodes;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.cli.kit.Table;
import dev.zos.core.registry.client.FarmQuery;
import dev.zos.core.registry.client.GridFarm;
import dev.zos.core.registry.client.GridNode;
import dev.zos.core.registry.client.GridSession;
import dev.zos.core.registry.client.Human;
import dev.zos.core.registry.client.NodeQuery;
import dev.zos.core.registry.client.Paging;
import dev.zos.cli.kit.GridOption;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the nodes of your farms (or of one farm): status, power, capacity used/total, last report.")
final class NodesListCommand extends BaseCommand {
    @Option(names = "--farm", paramLabel = "ID", description = "Only this farm's nodes (default: every farm you own).")
    Long farm;

    @Mixin
    GridOption grid;

    @Mixin
    OutputMixin output;

    NodesListCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        var session = grid.open(context);
        List<Long> farms = farm != null ? List.of(farm) : ownFarms(session);
        List<GridNode> nodes = farms.isEmpty() ? List.of() : session.client().nodes(NodeQuery.builder()
                .farmIds(farms).paging(new Paging(1, Paging.MAX_SIZE)).build()).items();
        Instant now = Instant.now();
        output.print(out(), nodes, () -> new Table(
                List.of("ID", "FARM", "STATUS", "POWER", "CPU", "MEMORY", "SSD", "HDD", "LAST REPORT"),
                nodes.stream().map(n -> List.of(Long.toString(n.nodeId()), Long.toString(n.farmId()), n.status(),
                        n.power().target(),
                        n.usedResources().cru() + "/" + n.totalResources().cru(),
                        usedOf(n.usedResources().mru(), n.totalResources().mru()),
                        usedOf(n.usedResources().sru(), n.totalResources().sru()),
                        usedOf(n.usedResources().hru(), n.totalResources().hru()),
                        Human.ago(n.updatedAt(), now))).toList()));
        return 0;
    }

    private static List<Long> ownFarms(GridSession session) {
        return session.twin().map(t -> session.client().farms(FarmQuery.ofTwin(t.twinId())).items().stream()
                .map(GridFarm::farmId).toList()).orElse(List.of());
    }

    private static String usedOf(long used, long total) {
        return Human.size(used) + " / " + Human.size(total);
    }
}
