package dev.zos.flist.pack;

import dev.zos.flist.store.BlockStore;

import java.nio.file.Path;

/**
 * Packs a directory tree into an rfs-compatible {@code .fl} and uploads its blocks to a store.
 *
 * <pre>{@code
 * try (BlockStore store = Stores.defaults().openRouted(List.of("dir:///srv/blocks"))) {
 *     PackResult r = Packer.pack(Path.of("rootfs"), Path.of("app.fl"), store,
 *             PackOptions.builder().tag("author", "me").build());
 * }
 * }</pre>
 *
 * The walker lists directories in sorted order (the output is deterministic for a given tree); block work
 * runs on {@link PackOptions#workers()} threads fed through a bounded queue, so memory stays bounded whatever
 * the size of the tree or of its files. Hard links are packed as rfs does: each name is its own inode with the
 * same blocks (the content is stored once).
 */
public final class Packer {

    private Packer() {
    }

    public static PackResult pack(Path root, Path flist, BlockStore store, PackOptions options) {
        return new PackRun(root, flist, store, options).run();
    }
}
