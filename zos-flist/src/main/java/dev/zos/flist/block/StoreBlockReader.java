package dev.zos.flist.block;

import dev.zos.flist.meta.BlockRef;
import dev.zos.flist.store.BlockStore;

/** Fetches blocks from a store and verifies/decodes them. */
public final class StoreBlockReader implements BlockReader {

    private final BlockStore store;
    private final ThreadLocal<BlockCodec> codec = ThreadLocal.withInitial(BlockCodec::new);

    public StoreBlockReader(BlockStore store) {
        this.store = store;
    }

    @Override
    public byte[] read(BlockRef ref) {
        return codec.get().decode(ref, store.get(ref.id()));
    }
}
