package dev.zos.node.workload.zmachine;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns a cached flist into the read-only lower directory of a container's root overlay. One lower per flist
 * MD5, shared by every zmachine using it: {@link FuseLower} mounts the flist (lazy, block by block) where FUSE is
 * available, {@link UnpackedLower} restores the tree to disk where it is not.
 */
public interface RootfsLower {

    /** The lower directory for {@code flist}, created on first use and adopted afterwards. */
    Path prepare(FlistFetcher.CachedFlist flist, Path driverDir);

    /**
     * The lower of flist {@code md5} for a machine that ran on it before (after an agent restart or a reboot),
     * made again from the cached flist in {@code flistCache} if needed; empty when neither is left.
     */
    Optional<Path> adopt(String md5, Path driverDir, Path flistCache);

    /** Frees the lower of flist {@code md5}: called once no machine uses it any more. */
    default void release(String md5, Path driverDir) {
    }
}
