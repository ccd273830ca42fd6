package dev.zos.cli.grid;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.cli.kit.Table;
import dev.zos.core.registry.client.GridClient;
import dev.zos.core.registry.client.GridProfiles;
import dev.zos.core.registry.client.GridSession;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "use", mixinStandardHelpOptions = true,
        description = {"Make URL the current grid, registering the current identity's twin there if it is not yet,",
            "and print the twin id."})
final class GridUseCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "URL", description = "The grid's base URL, e.g. http://127.0.0.1:8080.")
    String url;

    @Option(names = "--name", paramLabel = "NAME", description = "Name to keep the grid under (default: its host and port).")
    String name;

    @Mixin
    OutputMixin output;

    GridUseCommand(CliContext context) {
        super(context);
    }

    /** What {@code grid use} did. */
    record Used(String name, String url, String identity, long twinId, boolean registered) {
    }

    @Override
    protected int run() {
        String normalized = GridClient.parseUrl(url).toString();
        var session = GridSession.open(context.configDir(), normalized);
        var registration = session.ensureTwin();
        var profile = new GridProfiles(context.configDir()).use(normalized, name);
        var used = new Used(profile.name(), profile.url(), session.identity().name(), registration.twin().twinId(),
                registration.created());
        output.print(out(), used, () -> Table.ofFields(List.of("grid", "url", "identity", "twin", "registered"),
                List.of(used.name(), used.url(), used.identity(), used.twinId(),
                        used.registered() ? "yes, just now" : "already")));
        return 0;
    }
}
