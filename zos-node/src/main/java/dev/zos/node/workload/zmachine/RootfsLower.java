package dev.zos.node.workload.zmachine;

import java.nio.file.Path;

/**
 * Turns a cached flist into the read-only lower directory of a container's root overlay. One lower per flist
 * MD5, shared by every zmachine using it. Today {@link UnpackedLower} restores the tree to disk; a FUSE mount of
 * the flist (lazy, block by block) can replace it behind this interface without touching the driver.
 */
public interface RootfsLower {

    /** The lower directory for {@code flist}, created on first use and adopted afterwards. */
    Path prepare(FlistFetcher.CachedFlist flist, Path driverDir);
}
