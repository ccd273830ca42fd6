package dev.zos.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.GridOption;
import dev.zos.core.ZosException;
import java.io.IOException;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "call", mixinStandardHelpOptions = true,
        description = {"Send one raw RMB command to a node and print its JSON answer (for operators).",
            "Example: zos call 7 zos.statistics.get; zos call 7 zos.deployment.get '{\"contract_id\":12}'"})
public final class CallCommand extends BaseCommand {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Parameters(index = "0", paramLabel = "NODE", description = "Node id.")
    long node;

    @Parameters(index = "1", paramLabel = "COMMAND", description = "Command, e.g. zos.statistics.get.")
    String command;

    @Parameters(index = "2", arity = "0..1", paramLabel = "JSON", description = "Request body (default: none).")
    String body;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = WaitOptions.DurationConverter.class,
            description = "How long to wait for the answer (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Mixin
    GridOption grid;

    CallCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() throws Exception {
        JsonNode request = null;
        if (body != null) {
            try {
                request = JSON.readTree(body);
            } catch (IOException e) {
                throw ZosException.invalid("the request body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        var session = grid.open(context);
        try (var nodes = NodeClient.open(session, timeout)) {
            JsonNode answer = nodes.call(node, command, request);
            out().println(JSON.writeValueAsString(answer));
            out().flush();
        }
        return 0;
    }
}
