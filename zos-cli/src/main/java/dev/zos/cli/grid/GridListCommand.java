package dev.zos.cli.grid;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.cli.kit.Table;
import dev.zos.core.registry.client.GridProfile;
import dev.zos.core.registry.client.GridProfiles;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the grids you have used; * marks the current one.")
final class GridListCommand extends BaseCommand {
    @Mixin
    OutputMixin output;

    GridListCommand(CliContext context) {
        super(context);
    }

    /** A saved grid and whether it is the current one. */
    record Listed(String name, String url, boolean current) {
    }

    @Override
    protected int run() {
        var profiles = new GridProfiles(context.configDir());
        String current = profiles.current().map(GridProfile::name).orElse(null);
        List<Listed> grids = profiles.list().stream()
                .map(g -> new Listed(g.name(), g.url(), g.name().equals(current))).toList();
        output.print(out(), grids, () -> new Table(List.of("", "NAME", "URL"),
                grids.stream().map(g -> List.of(g.current() ? "*" : "", g.name(), g.url())).toList()));
        return 0;
    }
}
