package dev.zos.flistctl.mount;

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
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "mount", mixinStandardHelpOptions = true,
        description = {"Mount an flist read-only on TARGET (FUSE, type fuse.g8ufs).",
                "File content is fetched lazily, block by block, from the flist's stores (or --store), verified, and"
                        + " kept in a local cache shared between mounts. A damaged or missing block makes reads of"
                        + " that file fail with EIO.",
                "Stays in the foreground until unmounted (zos-flistctl umount TARGET, or SIGTERM/Ctrl-C);"
                        + " with -d it returns once the mount is live and keeps serving it in the background."},
        footerHeading = "%nExamples:%n",
        footer = {"  zos-flistctl mount -m app.fl /mnt/app",
                "  zos-flistctl mount -m app.fl -c /var/cache/flist -d /mnt/app && ls /mnt/app",
                "  zos-flistctl umount /mnt/app"})
public final class MountCommand extends BaseCommand {

    /** Default bound of the block cache. */
    static final long DEFAULT_CACHE_BYTES = 8L << 30;

    @Option(names = {"-m", "--meta"}, required = true, paramLabel = "FL", description = "The flist (.fl) to mount.")
    Path flist;

    @Option(names = {"-c", "--cache"}, paramLabel = "DIR",
            description = "Block cache folder (default: $XDG_CACHE_HOME/zos/flist/blocks).")
    Path cache;

    @Option(names = "--cache-size", paramLabel = "BYTES", converter = ByteSizes.class,
            description = "Bound of the block cache, e.g. 2G, 500M (default: 8G).")
    long cacheBytes = DEFAULT_CACHE_BYTES;

    @Option(names = {"-s", "--store"}, paramLabel = "[xx-xx=]URL",
            description = "Read blocks from this store instead of the flist's routes (repeatable).")
    List<String> stores = new ArrayList<>();

    @Option(names = {"-d", "--daemon"}, description = "Detach: return once the mount is live, serve it in the background.")
    boolean daemon;

    @Option(names = "--debug", description = "Log every FUSE request on stderr (libfuse -d).")
    boolean debug;

    @Parameters(index = "0", paramLabel = "TARGET", description = "Existing empty directory to mount on.")
    Path target;

    public MountCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() throws Exception {
        Path cacheDir = cache != null ? cache : context.cacheDir().resolve("flist").resolve("blocks");
        if (daemon) {
            Path log = Daemon.start(this, cacheDir, context.cacheDir().resolve("flist").resolve("mounts"));
            out().println("mounted " + flist + " on " + target.toAbsolutePath().normalize() + " (log: " + log + ")");
            out().flush();
            return 0;
        }
        try (FlistReader reader = FlistReader.open(flist);
             BlockStore store = stores.isEmpty() ? Stores.defaults().openRoutes(reader.routes())
                     : Stores.defaults().openRouted(stores)) {
            BlockCache blocks = new BlockCache(cacheDir, cacheBytes, new StoreBlockReader(store));
            try (FlistMount mount = FlistMount.mount(reader, blocks, target, MountOptions.defaults().withDebug(debug))) {
                err().println("mounted " + flist + " on " + mount.target() + "; serving until unmounted");
                err().flush();
                mount.awaitUnmounted();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ZosException.unavailable("interrupted", e);
        }
        return 0;
    }

    /** The arguments that repeat this mount in the foreground (what the detached child runs). */
    List<String> foregroundArgs(Path cacheDir) {
        List<String> a = new ArrayList<>(List.of("mount", "-m", flist.toAbsolutePath().toString(),
                "-c", cacheDir.toAbsolutePath().toString(), "--cache-size", Long.toString(cacheBytes)));
        for (String s : stores) {
            a.add("--store");
            a.add(s);
        }
        if (debug) {
            a.add("--debug");
        }
        a.add(target.toAbsolutePath().toString());
        return a;
    }

    /** The application's main class, to start a copy of it. */
    String mainClass() {
        return spec.root().userObject().getClass().getName();
    }

    Path target() {
        return target;
    }
}
