package dev.zos.node.workload.zmachine;

import dev.zos.core.ZosException;
import dev.zos.flist.block.StoreBlockReader;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flist.store.BlockStore;
import dev.zos.flist.store.Stores;
import dev.zos.flist.unpack.UnpackOptions;
import dev.zos.flist.unpack.Unpacker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A lower made by unpacking the flist (every block verified) into {@code driverDir/lower/<md5>}, with ownership
 * preserved. The tree is restored under a temporary name and renamed when complete, so a crash mid-unpack never
 * leaves a partial root filesystem that a later provision would adopt.
 */
public final class UnpackedLower implements RootfsLower {

    private final Stores stores;

    public UnpackedLower(Stores stores) {
        this.stores = stores;
    }

    @Override
    public synchronized Path prepare(FlistFetcher.CachedFlist flist, Path driverDir) {
        Path lower = driverDir.resolve("lower").resolve(flist.md5());
        if (Files.isDirectory(lower)) {
            return lower;
        }
        Path tmp = lower.resolveSibling(flist.md5() + ".partial");
        try {
            deleteTree(tmp);
            try (FlistReader fl = FlistReader.open(flist.file()); BlockStore store = stores.openRoutes(fl.routes())) {
                Unpacker.unpack(fl, new StoreBlockReader(store), tmp, UnpackOptions.defaults().withPreserveOwnership(true));
            }
            Files.move(tmp, lower, StandardCopyOption.ATOMIC_MOVE);
            return lower;
        } catch (ZosException e) {
            throw new ZosException(e.kind(), "cannot unpack the flist's root filesystem: " + e.getMessage(), e);
        } catch (IOException e) {
            throw ZosException.unavailable("cannot unpack the flist's root filesystem into " + lower + ": "
                    + e.getMessage(), e);
        } finally {
            try {
                deleteTree(tmp);
            } catch (IOException ignored) {
                // retried on the next prepare
            }
        }
    }

    @Override
    public Optional<Path> adopt(String md5, Path driverDir, Path flistCache) {
        Path lower = driverDir.resolve("lower").resolve(md5);
        if (Files.isDirectory(lower)) {
            return Optional.of(lower);
        }
        Path fl = flistCache.resolve(md5 + ".fl");
        return Files.isRegularFile(fl) ? Optional.of(prepare(new FlistFetcher.CachedFlist(fl, md5), driverDir)) : Optional.empty();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
