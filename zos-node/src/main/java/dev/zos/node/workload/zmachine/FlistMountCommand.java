package dev.zos.node.workload.zmachine;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.core.ZosException;
import dev.zos.flist.block.StoreBlockReader;
import dev.zos.flist.cache.BlockCache;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flist.mount.FlistMount;
import dev.zos.flist.mount.MountOptions;
import dev.zos.flist.store.BlockStore;
import dev.zos.flist.store.Stores;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zos-node flist-mount}: serves one zmachine root flist over FUSE until it is unmounted (started by {@link FuseLower}). */
@Command(name = "flist-mount", hidden = true, mixinStandardHelpOptions = true,
        description = "Serve a zmachine's root flist read-only over FUSE until unmounted (the agent starts this).")
public final class FlistMountCommand extends BaseCommand {
    static final long CACHE_BYTES = 2L << 30;

    @Option(names = "--meta", required = true, paramLabel = "FILE.fl", description = "The flist.")
    Path meta;

    @Option(names = "--cache", required = true, paramLabel = "DIR", description = "The node's block cache.")
    Path cache;

    @Parameters(index = "0", paramLabel = "TARGET", description = "The mount point.")
    Path target;

    public FlistMountCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        try (FlistReader reader = FlistReader.open(meta); BlockStore store = Stores.defaults().openRoutes(reader.routes())) {
            BlockCache blocks = new BlockCache(cache, CACHE_BYTES, new StoreBlockReader(store));
            try (FlistMount mount = FlistMount.mount(reader, blocks, target, MountOptions.defaults())) {
                err().println("serving " + meta + " on " + mount.target());
                err().flush();
                mount.awaitUnmounted();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ZosException.unavailable("interrupted", e);
        }
        return 0;
    }
}
