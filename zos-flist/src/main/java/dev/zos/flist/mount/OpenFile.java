package dev.zos.flist.mount;

import dev.zos.flist.block.BlockCodec;
import dev.zos.flist.meta.BlockRef;

import java.util.List;

/**
 * A regular file opened on the mount: its block list (read from the flist once, at open) and where the last
 * read ended, to recognise a sequential reader and read ahead for it.
 */
final class OpenFile {

    /** Where bytes of a read go (the FUSE buffer). */
    @FunctionalInterface
    interface Sink {
        void put(long at, byte[] src, int off, int len);
    }

    /** A block of the file could not be read; {@code index} says which. */
    static final class BlockFailure extends RuntimeException {
        final int index;
        final BlockRef ref;

        BlockFailure(int index, BlockRef ref, String message, Throwable cause) {
            super(message, cause);
            this.index = index;
            this.ref = ref;
        }
    }

    private static final int BS = BlockCodec.BLOCK_SIZE;

    final String path;
    final TreeNode node;
    private final List<BlockRef> blocks;
    private volatile long nextSequential;

    OpenFile(String path, TreeNode node, List<BlockRef> blocks) {
        this.path = path;
        this.node = node;
        this.blocks = blocks;
    }

    /**
     * Copies {@code [offset, offset+size)} (clipped to the file) into {@code sink}; returns the bytes copied.
     *
     * @throws BlockFailure when a covered block is missing, corrupt, unreachable or of the wrong length
     */
    int read(DecodedBlocks memory, int readAhead, long offset, int size, Sink sink) {
        long fileSize = node.size;
        if (offset >= fileSize || size <= 0) {
            return 0;
        }
        long end = Math.min(fileSize, offset + size);
        int first = (int) (offset / BS);
        int last = (int) ((end - 1) / BS);
        // the kernel's read-ahead sends neighbouring requests in parallel, so they arrive slightly out of order
        boolean sequential = offset == 0 || Math.abs(offset - nextSequential) <= BS;
        nextSequential = end;
        if (sequential && readAhead > 0) {
            int upTo = Math.min(blocks.size() - 1, last + readAhead);
            for (int b = last + 1; b <= upTo; b++) {
                memory.prefetch(blocks.get(b));
            }
        }
        long at = 0;
        for (int b = first; b <= last; b++) {
            byte[] plain = block(memory, b, fileSize);
            long blockStart = (long) b * BS;
            int from = (int) (Math.max(offset, blockStart) - blockStart);
            int to = (int) (Math.min(end, blockStart + plain.length) - blockStart);
            sink.put(at, plain, from, to - from);
            at += to - from;
        }
        return (int) at;
    }

    private byte[] block(DecodedBlocks memory, int b, long fileSize) {
        if (b >= blocks.size()) {
            throw new BlockFailure(b, null, "the flist lists " + blocks.size() + " block(s) for "
                    + fileSize + " bytes", null);
        }
        BlockRef ref = blocks.get(b);
        byte[] plain;
        try {
            plain = memory.get(ref);
        } catch (RuntimeException e) {
            throw new BlockFailure(b, ref, e.getMessage(), e);
        }
        long expected = Math.min(BS, fileSize - (long) b * BS);
        if (plain.length != expected) {
            throw new BlockFailure(b, ref, "block holds " + plain.length + " bytes where the file needs "
                    + expected, null);
        }
        return plain;
    }
}
