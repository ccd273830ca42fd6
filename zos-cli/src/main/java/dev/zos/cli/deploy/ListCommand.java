package dev.zos.cli.deploy;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.GridOption;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.cli.kit.Table;
import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.ResultState;
import dev.zos.core.registry.client.ContractQuery;
import dev.zos.core.registry.client.GridContract;
import dev.zos.core.registry.client.Paging;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List your deployments: the registry's node contracts of your twin joined with the names",
            "remembered on this machine, and what each node reports about its workloads."})
public final class ListCommand extends BaseCommand {
    @Option(names = "--all", description = "Also list cancelled contracts.")
    boolean all;

    @Option(names = "--no-state", description = "Do not ask the nodes for workload states (faster).")
    boolean noState;

    @Mixin
    GridOption grid;

    @Mixin
    OutputMixin output;

    ListCommand(CliContext context) {
        super(context);
    }

    /** One line of the list; {@code workloads} summarises the node's report ({@code ok 3/3}). */
    public record Entry(String name, long contractId, long nodeId, String contractState, String workloads, String file) {
    }

    @Override
    protected int run() {
        var session = grid.open(context);
        String url = session.client().url().toString();
        long twin = session.requireTwin().twinId();
        var records = new DeploymentRecords(context.dataDir());
        List<GridContract> contracts = session.client().contracts(new ContractQuery(twin, null, "node",
                all ? null : "created", new Paging(1, Paging.MAX_SIZE))).items();
        Map<Long, DeploymentRecord> byContract = new LinkedHashMap<>();
        records.onGrid(url).forEach(r -> byContract.put(r.contractId(), r));
        var entries = new ArrayList<Entry>();
        try (var nodes = noState || contracts.isEmpty() ? null : NodeClient.open(session, Duration.ofSeconds(10))) {
            for (GridContract c : contracts) {
                var rec = byContract.get(c.contractId());
                long node = DeploymentRef.nodeOf(c);
                String states = noState ? "" : "Deleted".equals(c.state()) ? "-" : summary(nodes, node, c.contractId());
                entries.add(new Entry(rec == null ? "" : rec.name(), c.contractId(), node, c.state(), states,
                        rec == null ? "" : rec.file()));
            }
        }
        output.print(out(), entries, () -> new Table(List.of("NAME", "CONTRACT", "NODE", "CONTRACT STATE", "WORKLOADS", "FILE"),
                entries.stream().map(e -> List.of(e.name(), Long.toString(e.contractId()), Long.toString(e.nodeId()),
                        e.contractState(), e.workloads(), e.file())).toList()));
        return 0;
    }

    private static String summary(NodeClient nodes, long node, long contract) {
        try {
            Deployment d = nodes.get(node, contract);
            Map<String, Long> counts = d.workloads().stream().collect(Collectors.groupingBy(
                    w -> w.result().state() == ResultState.NONE ? "pending" : w.result().state().wire(),
                    java.util.TreeMap::new, Collectors.counting()));
            return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + "/" + d.workloads().size())
                    .collect(Collectors.joining(", "));
        } catch (ZosException e) {
            return "node unreachable";
        }
    }
}
