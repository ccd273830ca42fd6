package dev.zos.flistctl.publish;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.cli.kit.Table;
import dev.zos.core.ZosException;
import dev.zos.flist.hub.HubClient;
import dev.zos.flist.hub.HubNames;
import dev.zos.flist.hub.HubPublisher;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flist.store.BlockStore;
import dev.zos.flist.store.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Publish an flist to a hub in the current identity's namespace.",
            "Uploads the blocks the hub lacks (tested with HEAD first, several at once) from the flist's stores,",
            "then the flist, routed to the hub's block store. The hub accepts it only from a twin registered on its grid."})
public final class PublishCommand extends BaseCommand {
    @Option(names = {"-m", "--meta"}, required = true, paramLabel = "FL", description = "The flist to publish.")
    Path flist;

    @Option(names = "--hub", required = true, paramLabel = "URL", description = "The hub, e.g. http://127.0.0.1:8080 (a zos-grid).")
    String hub;

    @Option(names = "--name", paramLabel = "NAME", description = "Name on the hub (default: the file's name; .fl is added when missing).")
    String name;

    @Option(names = "--grid", paramLabel = "URL", description = "Grid where the identity's twin is registered (default: the hub's own grid).")
    String grid;

    @Option(names = {"-s", "--store"}, paramLabel = "[xx-xx=]URL",
            description = "Read blocks from this store instead of the flist's routes (repeatable).")
    List<String> stores;

    @Option(names = "--keep-routes", description = "Publish the flist's routes unchanged instead of routing it to the hub's blocks.")
    boolean keepRoutes;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "8", description = "Blocks uploaded at once (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Mixin
    OutputMixin output;

    public PublishCommand(CliContext context) {
        super(context);
    }

    /** What was published, for -o json|yaml. */
    record Published(String name, String url, String md5, long size, int blocks, int uploaded, long uploadedBytes) {
    }

    @Override
    protected int run() {
        if (!Files.isRegularFile(flist)) {
            throw ZosException.notFound("flist " + flist + " does not exist");
        }
        String hubName = HubNames.flistName(name != null ? name : flist.getFileName().toString());
        if (jobs < 1 || jobs > 64) {
            throw ZosException.invalid("--jobs must be within 1-64, got " + jobs);
        }
        HubPublisher.Result result;
        try (HubClient client = HubIdentity.client(context, hub, grid); BlockStore source = openSource()) {
            result = HubPublisher.publish(client, new HubPublisher.Request(flist, hubName, source, keepRoutes, jobs));
        }
        var published = new Published(result.entry().name(), result.url(), result.entry().md5(), result.entry().size(),
                result.blocks(), result.uploaded(), result.uploadedBytes());
        output.print(out(), published, () -> Table.ofFields(
                List.of("name", "url", "md5", "size", "blocks", "uploaded"),
                List.of(published.name(), published.url(), published.md5(), published.size(), published.blocks(),
                        published.uploaded() + " (" + published.uploadedBytes() + " bytes)")));
        return 0;
    }

    private BlockStore openSource() {
        if (stores != null && !stores.isEmpty()) {
            return Stores.defaults().openRouted(stores);
        }
        try (FlistReader reader = FlistReader.open(flist)) {
            return Stores.defaults().openRoutes(reader.routes());
        }
    }
}
