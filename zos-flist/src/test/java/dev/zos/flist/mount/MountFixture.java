package dev.zos.flist.mount;

import dev.zos.flist.block.StoreBlockReader;
import dev.zos.flist.cache.BlockCache;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flist.store.BlockStore;
import dev.zos.flist.store.Stores;

import java.nio.file.Path;

/** An flist mounted the way the CLI does it: routes → store → block cache → mount. Closing unmounts. */
record MountFixture(FlistReader reader, BlockStore store, BlockCache cache, FlistMount mount) implements AutoCloseable {

    static MountFixture mount(Path flist, Path cacheDir, Path target, MountOptions options) throws Exception {
        FlistReader reader = FlistReader.open(flist);
        BlockStore store = Stores.defaults().openRoutes(reader.routes());
        try {
            BlockCache cache = new BlockCache(cacheDir, 1L << 30, new StoreBlockReader(store));
            return new MountFixture(reader, store, cache, FlistMount.mount(reader, cache, target, options));
        } catch (RuntimeException e) {
            store.close();
            reader.close();
            throw e;
        }
    }

    Path root() {
        return mount.target();
    }

    @Override
    public void close() {
        try {
            mount.close();
        } finally {
            store.close();
            reader.close();
        }
    }
}
