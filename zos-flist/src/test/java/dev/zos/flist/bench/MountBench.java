package dev.zos.flist.bench;

import dev.zos.flist.block.StoreBlockReader;
import dev.zos.flist.cache.BlockCache;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flist.mount.FlistMount;
import dev.zos.flist.mount.MountOptions;
import dev.zos.flist.store.BlockStore;
import dev.zos.flist.store.Stores;

import java.nio.file.Path;

/**
 * The mount as the benchmark runs it: {@code MountBench FL CACHE-DIR TARGET}; blocks come from the flist's
 * routes. Serves until unmounted or SIGTERM. Used by {@code bench/flist/mount.sh}; not a test.
 */
public final class MountBench {

    private MountBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: MountBench FL CACHE-DIR TARGET");
            System.exit(2);
        }
        try (FlistReader fl = FlistReader.open(Path.of(args[0]));
             BlockStore store = Stores.defaults().openRoutes(fl.routes())) {
            BlockCache cache = new BlockCache(Path.of(args[1]), 4L << 30, new StoreBlockReader(store));
            try (FlistMount m = FlistMount.mount(fl, cache, Path.of(args[2]), MountOptions.defaults())) {
                System.out.println("mounted " + m.target());
                m.awaitUnmounted();
            }
        }
    }
}
