package dev.zos.flist.bench;

import dev.zos.flist.pack.PackOptions;
import dev.zos.flist.pack.PackResult;
import dev.zos.flist.pack.Packer;
import dev.zos.flist.store.BlockStore;
import dev.zos.flist.store.Stores;

import java.nio.file.Path;
import java.util.List;

/**
 * The packer as the benchmark runs it: {@code PackBench SRC OUT.fl STORE-URL [INDEX]}. Prints one line of
 * results. Used by {@code bench/flist/pack.sh}; not a test.
 */
public final class PackBench {

    private PackBench() {
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: PackBench SRC OUT.fl STORE-URL [CHANGE-INDEX]");
            System.exit(2);
        }
        PackOptions.Builder opts = PackOptions.builder();
        if (args.length > 3) {
            opts.changeIndex(Path.of(args[3]));
        }
        try (BlockStore store = Stores.defaults().openRouted(List.of(args[2]))) {
            PackResult r = Packer.pack(Path.of(args[0]), Path.of(args[1]), store, opts.build());
            System.out.printf("packed %d files, %d dirs, %d symlinks, %.1f MiB in %d blocks: uploaded %d, already present %d,"
                            + " dedup %.1f MiB, unchanged files %d, peak in-flight blocks %d, %.2f s in pack()%n",
                    r.files(), r.directories(), r.symlinks(), r.bytes() / 1048576.0, r.blocks(), r.uploadedBlocks(),
                    r.presentBlocks(), r.dedupBytes() / 1048576.0, r.unchangedFiles(), r.peakInflightBlocks(),
                    r.elapsed().toNanos() / 1e9);
        }
    }
}
