package dev.zos.flistctl.publish;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.cli.kit.Table;
import dev.zos.flist.hub.HubClient;
import dev.zos.flist.hub.HubEntry;
import dev.zos.flist.hub.HubNames;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "link", mixinStandardHelpOptions = true,
        description = {"Point a name at a published flist in the current identity's hub namespace,",
            "e.g. 'link --hub URL stable app-1.2.fl'; an existing link of that name is moved."})
public final class LinkCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The link's name.")
    String name;

    @Parameters(index = "1", paramLabel = "TARGET", description = "The published flist it points at.")
    String target;

    @Option(names = "--hub", required = true, paramLabel = "URL", description = "The hub, e.g. http://127.0.0.1:8080 (a zos-grid).")
    String hub;

    @Option(names = "--grid", paramLabel = "URL", description = "Grid where the identity's twin is registered (default: the hub's own grid).")
    String grid;

    @Mixin
    OutputMixin output;

    public LinkCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        HubNames.requireName(name);
        HubNames.requireName(target);
        HubEntry entry;
        String url;
        try (HubClient client = HubIdentity.client(context, hub, grid)) {
            entry = client.link(name, target);
            url = client.url() + "/" + client.twinId() + "/" + entry.name();
        }
        output.print(out(), entry, () -> Table.ofFields(List.of("link", "target", "url", "md5"),
                List.of(entry.name(), entry.target(), url, entry.md5() == null ? "" : entry.md5())));
        return 0;
    }
}
