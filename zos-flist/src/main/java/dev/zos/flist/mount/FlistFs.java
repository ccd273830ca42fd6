package dev.zos.flist.mount;

import dev.zos.flist.block.BlockCodec;
import dev.zos.flist.meta.BlockRef;
import dev.zos.flist.meta.FileType;
import dev.zos.flist.meta.FlistReader;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jnr.ffi.Pointer;
import ru.serce.jnrfuse.ErrorCodes;
import ru.serce.jnrfuse.FuseFillDir;
import ru.serce.jnrfuse.FuseStubFS;
import ru.serce.jnrfuse.struct.FileStat;
import ru.serce.jnrfuse.struct.FuseFileInfo;
import ru.serce.jnrfuse.struct.Statvfs;

/**
 * The FUSE operations of a read-only flist: metadata from the in-memory {@link FlistTree}, file content from
 * {@link DecodedBlocks}, one block list per open file. Any failure to produce verified bytes is EIO.
 */
final class FlistFs extends FuseStubFS {

    private static final System.Logger LOG = System.getLogger(FlistFs.class.getName());
    private static final int O_ACCMODE = 3;
    private static final long ST_RDONLY = 1;
    private static final int STAT_BLOCK = 4096;

    private final FlistReader reader;
    private final FlistTree tree;
    private final DecodedBlocks memory;
    private final int readAhead;
    private final AtomicLong nextHandle = new AtomicLong(1);
    private final ConcurrentHashMap<Long, OpenFile> open = new ConcurrentHashMap<>();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    FlistFs(FlistReader reader, FlistTree tree, DecodedBlocks memory, int readAhead) {
        this.reader = reader;
        this.tree = tree;
        this.memory = memory;
        this.readAhead = readAhead;
    }

    DecodedBlocks memory() {
        return memory;
    }

    @Override
    public int getattr(String path, FileStat stat) {
        TreeNode n = tree.find(path);
        if (n == null) {
            return -ErrorCodes.ENOENT();
        }
        stat.st_ino.set(n.ino);
        stat.st_mode.set(n.mode);
        stat.st_nlink.set(n.nlink());
        stat.st_uid.set(n.uid);
        stat.st_gid.set(n.gid);
        stat.st_rdev.set(n.type() == FileType.BLOCK_DEVICE || n.type() == FileType.CHAR_DEVICE ? n.rdev : 0);
        long size = switch (n.type()) {
            case REGULAR -> n.size;
            case SYMLINK -> n.link == null ? 0 : n.link.length;
            case DIRECTORY -> STAT_BLOCK;
            default -> 0;
        };
        stat.st_size.set(size);
        stat.st_blksize.set(128 * 1024);
        stat.st_blocks.set((size + 511) / 512);
        stat.st_atim.tv_sec.set(n.mtime);
        stat.st_mtim.tv_sec.set(n.mtime);
        stat.st_ctim.tv_sec.set(n.ctime);
        return 0;
    }

    @Override
    public int readlink(String path, Pointer buf, long size) {
        TreeNode n = tree.find(path);
        if (n == null) {
            return -ErrorCodes.ENOENT();
        }
        if (n.type() != FileType.SYMLINK || n.link == null) {
            return -ErrorCodes.EINVAL();
        }
        if (size <= 0) {
            return -ErrorCodes.EINVAL();
        }
        // libfuse wants a NUL-terminated string and truncates like readlink(2)
        int len = (int) Math.min(n.link.length, size - 1);
        buf.put(0, n.link, 0, len);
        buf.putByte(len, (byte) 0);
        return 0;
    }

    @Override
    public int opendir(String path, FuseFileInfo fi) {
        TreeNode n = tree.find(path);
        if (n == null) {
            return -ErrorCodes.ENOENT();
        }
        return n.isDirectory() ? 0 : -ErrorCodes.ENOTDIR();
    }

    @Override
    public int readdir(String path, Pointer buf, FuseFillDir filler, long offset, FuseFileInfo fi) {
        TreeNode n = tree.find(path);
        if (n == null) {
            return -ErrorCodes.ENOENT();
        }
        if (!n.isDirectory()) {
            return -ErrorCodes.ENOTDIR();
        }
        filler.apply(buf, ".", null, 0);
        filler.apply(buf, "..", null, 0);
        for (String name : n.children.keySet()) {
            if (filler.apply(buf, name, null, 0) != 0) {
                return -ErrorCodes.ENOMEM();
            }
        }
        return 0;
    }

    @Override
    public int open(String path, FuseFileInfo fi) {
        if ((fi.flags.get() & O_ACCMODE) != 0) {
            return -ErrorCodes.EROFS();
        }
        TreeNode n = tree.find(path);
        if (n == null) {
            return -ErrorCodes.ENOENT();
        }
        if (n.isDirectory()) {
            return -ErrorCodes.EISDIR();
        }
        if (n.type() != FileType.REGULAR) {
            return -ErrorCodes.EINVAL();
        }
        List<BlockRef> blocks;
        try {
            blocks = reader.blocks(n.ino);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "flist mount: cannot open " + path + ": " + e.getMessage());
            return -ErrorCodes.EIO();
        }
        long needed = (n.size + BlockCodec.BLOCK_SIZE - 1) / BlockCodec.BLOCK_SIZE;
        if (blocks.size() < needed) {
            LOG.log(Level.ERROR, "flist mount: " + path + " is " + n.size + " bytes but the flist lists only "
                    + blocks.size() + " block(s)");
        }
        long h = nextHandle.getAndIncrement();
        open.put(h, new OpenFile(path, n, blocks));
        fi.fh.set(h);
        return 0;
    }

    @Override
    public int read(String path, Pointer buf, long size, long offset, FuseFileInfo fi) {
        OpenFile f = open.get(fi.fh.get());
        if (f == null) {
            return -ErrorCodes.EBADF();
        }
        if (offset < 0) {
            return -ErrorCodes.EINVAL();
        }
        try {
            return f.read(memory, readAhead, offset, (int) Math.min(size, Integer.MAX_VALUE), buf::put);
        } catch (OpenFile.BlockFailure e) {
            // the kernel retries a failed range page by page: say it once per block, not once per page
            boolean first = reported.size() < 10_000 && reported.add(f.node.ino + ":" + e.index);
            LOG.log(first ? Level.ERROR : Level.DEBUG, "flist mount: I/O error reading " + f.path + " at block "
                    + e.index + (e.ref == null ? "" : " (" + e.ref.idHex() + ")") + ": " + e.getMessage());
            return -ErrorCodes.EIO();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "flist mount: I/O error reading " + f.path + ": " + e);
            return -ErrorCodes.EIO();
        }
    }

    @Override
    public int release(String path, FuseFileInfo fi) {
        open.remove(fi.fh.get());
        return 0;
    }

    @Override
    public int statfs(String path, Statvfs st) {
        st.f_bsize.set(STAT_BLOCK);
        st.f_frsize.set(STAT_BLOCK);
        st.f_blocks.set((tree.bytes() + STAT_BLOCK - 1) / STAT_BLOCK);
        st.f_bfree.set(0);
        st.f_bavail.set(0);
        st.f_files.set(tree.entries());
        st.f_ffree.set(0);
        st.f_favail.set(0);
        st.f_namemax.set(255);
        st.f_flag.set(ST_RDONLY);
        return 0;
    }

    @Override
    protected String getFSName() {
        return "g8ufs";
    }
}
