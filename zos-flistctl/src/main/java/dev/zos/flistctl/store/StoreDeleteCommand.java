package dev.zos.flistctl.store;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.core.ZosException;
import dev.zos.flist.meta.FlistEditor;
import dev.zos.flist.meta.Route;
import dev.zos.flist.store.Stores;
import dev.zos.flist.store.StoreUrls;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete routes by URL (every range of that URL) or by xx-xx=URL, or all of them. A route the"
                + " flist does not have is an error and nothing is changed.")
final class StoreDeleteCommand extends BaseCommand {

    @Option(names = {"-m", "--meta"}, paramLabel = "FILE.fl", required = true, description = "The flist.")
    Path meta;

    static final class Which {
        @Option(names = {"-s", "--store"}, paramLabel = "[xx-xx=]URL", required = true,
                description = "Route to delete. Repeatable.")
        List<String> stores = new ArrayList<>();

        @Option(names = {"-a", "--all"}, required = true, description = "Delete every route.")
        boolean all;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    StoreDeleteCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        int[] removed = {0};
        FlistEditor.update(meta, m -> {
            if (which.all) {
                removed[0] = m.routes().size();
                return m.withRoutes(List.of());
            }
            List<Route> routes = new ArrayList<>(m.routes());
            for (String spec : which.stores) {
                boolean ranged = spec.matches("^[0-9a-f]{2}-[0-9a-f]{2}=.*");
                Stores.RouteSpec want = Stores.parseRoute(spec);
                String url = StoreUrls.stripPassword(want.url());
                int before = routes.size();
                routes.removeIf(r -> StoreUrls.stripPassword(r.url()).equals(url)
                        && (!ranged || (r.start() == want.start() && r.end() == want.end())));
                if (routes.size() == before) {
                    throw ZosException.notFound("flist " + meta + " has no route " + StoreUrls.stripPassword(spec)
                            + "; its routes are " + String.join(", ", m.routes().stream()
                            .map(r -> RouteText.range(r) + "=" + RouteText.masked(r.url())).toList()));
                }
                removed[0] += before - routes.size();
            }
            return m.withRoutes(routes);
        });
        out().printf("deleted %d route(s) from %s%n", removed[0], meta);
        out().flush();
        return 0;
    }
}
