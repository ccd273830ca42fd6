package dev.zos.flist.pack;

import dev.zos.flist.meta.BlockRef;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** One regular file to pack: where its block rows go and how many segments are still open. */
final class FileJob {
    final long ino;
    final Path path;
    final String rel;
    final long size;
    final long rowBase;
    final int blockCount;
    final FileStat stat;
    final List<BlockRef> cached;
    /** Blocks collected for the change index, or null when not indexed. */
    final BlockRef[] refs;
    final AtomicInteger openSegments;

    FileJob(long ino, Path path, String rel, long size, long rowBase, int blockCount, FileStat stat,
            List<BlockRef> cached, boolean index, int segments) {
        this.ino = ino;
        this.path = path;
        this.rel = rel;
        this.size = size;
        this.rowBase = rowBase;
        this.blockCount = blockCount;
        this.stat = stat;
        this.cached = cached;
        this.refs = index ? new BlockRef[blockCount] : null;
        this.openSegments = new AtomicInteger(segments);
    }

    /** A contiguous run of this file's blocks handled by one worker. */
    record Segment(FileJob job, int firstBlock, int count) {
    }
}
