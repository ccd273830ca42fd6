package dev.zos.flistctl.store;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.cli.kit.Table;
import dev.zos.flist.meta.FlistEditor;
import dev.zos.flist.meta.Route;

import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the flist's routes; passwords are shown as *** unless --show-password is given.")
final class StoreListCommand extends BaseCommand {

    @Option(names = {"-m", "--meta"}, paramLabel = "FILE.fl", required = true, description = "The flist.")
    Path meta;

    @Option(names = "--show-password", description = "Show store passwords.")
    boolean showPassword;

    @Mixin
    OutputMixin output;

    /** One route as {@code -o json|yaml} prints it. */
    record RouteView(String range, int start, int end, String url) {
    }

    StoreListCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        List<Route> routes = FlistEditor.read(meta).routes();
        List<RouteView> views = routes.stream()
                .map(r -> new RouteView(RouteText.range(r), r.start(), r.end(), RouteText.url(r, showPassword))).toList();
        output.print(out(), views, () -> new Table(List.of("RANGE", "URL"),
                views.stream().map(v -> List.of(v.range(), v.url())).toList()));
        return 0;
    }
}
