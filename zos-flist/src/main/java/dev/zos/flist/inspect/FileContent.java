package dev.zos.flist.inspect;

import dev.zos.core.ZosException;
import dev.zos.flist.block.BlockCorruptException;
import dev.zos.flist.block.BlockReader;
import dev.zos.flist.meta.BlockRef;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flist.meta.Inode;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The content of one regular file of an flist as a stream: blocks are fetched one at a time as the stream is
 * read, each verified before any of its bytes is returned. Errors name the file and the block.
 */
public final class FileContent extends InputStream {

    private final String path;
    private final long size;
    private final List<BlockRef> refs;
    private final BlockReader blocks;
    private int next;
    private byte[] current = new byte[0];
    private int pos;
    private long delivered;

    private FileContent(String path, long size, List<BlockRef> refs, BlockReader blocks) {
        this.path = path;
        this.size = size;
        this.refs = refs;
        this.blocks = blocks;
    }

    /** Opens the regular file at {@code path}; fails NOT_FOUND / INVALID when there is none. */
    public static FileContent open(FlistReader flist, BlockReader blocks, String path) {
        Inode inode = flist.lookup(path).orElseThrow(() -> ZosException.notFound(
                "no such file in flist " + flist.path() + ": " + path));
        if (!inode.isRegular()) {
            throw ZosException.invalid(path + " is a " + Entries.typeName(inode.type()) + ", not a regular file");
        }
        return new FileContent(path, inode.size(), flist.blocks(inode.ino()), blocks);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        while (pos == current.length) {
            if (next == refs.size()) {
                if (delivered != size) {
                    throw ZosException.invalid("cannot read " + path + ": its blocks hold " + delivered
                            + " bytes but the flist says " + size);
                }
                return -1;
            }
            current = fetch(next++);
            pos = 0;
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        delivered += n;
        return n;
    }

    private byte[] fetch(int i) {
        try {
            return blocks.read(refs.get(i));
        } catch (BlockCorruptException e) {
            throw new ZosException(ZosException.Kind.INVALID, "cannot read " + path + ": block " + (i + 1) + " of "
                    + refs.size() + " is corrupt (" + e.getMessage() + ")", e);
        } catch (ZosException e) {
            throw new ZosException(e.kind(), "cannot read " + path + ": block " + (i + 1) + " of " + refs.size()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Copies the whole content to {@code out}; returns the bytes copied. */
    @Override
    public long transferTo(java.io.OutputStream out) throws IOException {
        long total = 0;
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = read(buf, 0, buf.length)) > 0) {
            out.write(buf, 0, n);
            total += n;
        }
        return total;
    }
}
