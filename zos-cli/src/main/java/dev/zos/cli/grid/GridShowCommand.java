package dev.zos.cli.grid;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.cli.kit.Table;
import dev.zos.core.ZosException;
import dev.zos.core.registry.client.GridProfile;
import dev.zos.core.registry.client.GridProfiles;
import dev.zos.core.registry.client.GridSession;
import dev.zos.core.registry.client.GridTwin;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a grid (default: the current one) and the current identity's twin on it.")
final class GridShowCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Grid to show (default: the current one).")
    String name;

    @Mixin
    OutputMixin output;

    GridShowCommand(CliContext context) {
        super(context);
    }

    /** A grid, the relay it gives twins, and the current identity's twin there (null: not registered). */
    record Shown(String name, String url, String relay, String identity, Long twinId) {
    }

    @Override
    protected int run() {
        var profiles = new GridProfiles(context.configDir());
        GridProfile profile = name == null
                ? profiles.current().orElseThrow(() -> ZosException.notFound("no grid chosen; run 'zos grid use URL'"))
                : profiles.get(name).orElseThrow(() -> ZosException.notFound("no grid named \"" + name
                        + "\"; 'zos grid list' shows the names"));
        var session = GridSession.open(context.configDir(), profile.url());
        String identity = session.identity().name();
        Long twin = session.twin().map(GridTwin::twinId).orElse(null);
        var shown = new Shown(profile.name(), profile.url(), session.client().relayUrl(), identity, twin);
        output.print(out(), shown, () -> Table.ofFields(List.of("grid", "url", "relay", "identity", "twin"),
                List.of(shown.name(), shown.url(), shown.relay(), identity,
                        twin == null ? "not registered (run 'zos grid use " + profile.url() + "')" : twin)));
        return 0;
    }
}
