package dev.zos.flistctl.store;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.flist.meta.FlistEditor;
import dev.zos.flist.meta.Route;
import dev.zos.flistctl.FlistStores;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Add routes. Passwords are left out unless --no-strip-password is given, as pack does."
                + " The flist is rewritten atomically.")
final class StoreAddCommand extends BaseCommand {

    @Option(names = {"-m", "--meta"}, paramLabel = "FILE.fl", required = true, description = "The flist.")
    Path meta;

    @Option(names = {"-s", "--store"}, paramLabel = "[xx-xx=]URL", required = true,
            description = "Route to add (no range: 00-ff). Repeatable.")
    List<String> stores;

    @Option(names = "--no-strip-password", description = "Keep store passwords in the routes.")
    boolean keepPasswords;

    StoreAddCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        List<Route> added = stores.stream().map(s -> FlistStores.checkRoute(s).route(keepPasswords)).toList();
        FlistEditor.update(meta, m -> {
            List<Route> routes = new ArrayList<>(m.routes());
            for (Route r : added) {
                if (!routes.contains(r)) {
                    routes.add(r);
                }
            }
            return m.withRoutes(routes);
        });
        out().printf("added %d route(s) to %s%n", added.size(), meta);
        out().flush();
        return 0;
    }
}
