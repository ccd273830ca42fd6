package dev.zos.cli.deploy;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.GridOption;
import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.ResultState;
import dev.zos.core.gridtypes.Workload;
import dev.zos.core.gridtypes.workload.ZMachine;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Print the console log of a deployment's machine, as the node keeps it.",
            "With --follow, keep printing new lines until the workload is deleted or you press Ctrl-C."})
public final class LogsCommand extends BaseCommand {
    static final int CHUNK = 65536;

    @Parameters(index = "0", paramLabel = "NAME|CONTRACT", description = "Deployment name or contract id.")
    String ref;

    @Option(names = "--workload", paramLabel = "W", description = "The machine (zmachine workload) whose log to show; needed when there are several.")
    String workload;

    @Option(names = {"-f", "--follow"}, description = "Keep printing the log as it grows.")
    boolean follow;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = WaitOptions.DurationConverter.class,
            description = "How often --follow asks the node (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Mixin
    GridOption grid;

    LogsCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() throws Exception {
        var session = grid.open(context);
        var target = DeploymentRef.resolve(ref, session, new DeploymentRecords(context.dataDir()));
        try (var nodes = NodeClient.open(session, NodeClient.DEFAULT_TIMEOUT)) {
            String machine = machine(nodes.get(target.nodeId(), target.contractId()));
            long offset = 0;
            while (true) {
                NodeClient.LogChunk chunk = nodes.logs(target.nodeId(), target.contractId(), machine, offset, CHUNK);
                out().print(chunk.text());
                out().flush();
                boolean more = chunk.next() > offset && !chunk.text().isEmpty();
                offset = Math.max(offset, chunk.next());
                if (more) {
                    continue;
                }
                if (!follow) {
                    return 0;
                }
                Workload w = nodes.get(target.nodeId(), target.contractId()).workload(machine).orElse(null);
                if (w == null || w.result().state() == ResultState.DELETED) {
                    return 0;
                }
                Thread.sleep(interval.toMillis());
            }
        }
    }

    private String machine(Deployment d) {
        List<String> machines = d.workloads().stream().filter(w -> ZMachine.TYPE.equals(w.type())).map(Workload::name).toList();
        if (workload != null) {
            if (!machines.contains(workload)) {
                throw ZosException.notFound("deployment " + ref + " has no machine named '" + workload + "'"
                        + (machines.isEmpty() ? "" : "; machines: " + String.join(", ", machines)));
            }
            return workload;
        }
        if (machines.size() != 1) {
            throw ZosException.invalid(machines.isEmpty() ? "deployment " + ref + " has no machine, so no logs"
                    : "deployment " + ref + " has several machines; choose one with --workload: "
                    + machines.stream().collect(Collectors.joining(", ")));
        }
        return machines.get(0);
    }
}
