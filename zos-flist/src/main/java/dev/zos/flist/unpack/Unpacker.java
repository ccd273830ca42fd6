package dev.zos.flist.unpack;

import dev.zos.core.ZosException;
import dev.zos.flist.block.BlockCorruptException;
import dev.zos.flist.block.BlockReader;
import dev.zos.flist.meta.BlockRef;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flist.meta.Inode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Restores an flist's tree into a target directory: directories, regular files (every block verified),
 * symlinks, FIFOs and device nodes, modes (incl. setuid/setgid/sticky), mtimes, and ownership on request.
 * Entry names are checked so that nothing is written outside the target.
 *
 * <pre>{@code
 * try (FlistReader fl = FlistReader.open(path); BlockStore store = Stores.defaults().openRoutes(fl.routes())) {
 *     Unpacker.unpack(fl, new StoreBlockReader(store), target, UnpackOptions.defaults());
 * }
 * }</pre>
 */
public final class Unpacker {

    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final byte[] ZEROS = new byte[64 * 1024];

    private final FlistReader flist;
    private final BlockReader blocks;
    private final Path target;
    private final UnpackOptions options;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final LongAdder files = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private long directories;
    private long symlinks;
    private long specials;
    private final List<String> skipped = Collections.synchronizedList(new ArrayList<>());

    private Unpacker(FlistReader flist, BlockReader blocks, Path target, UnpackOptions options) {
        this.flist = flist;
        this.blocks = blocks;
        this.target = target;
        this.options = options;
    }

    public static UnpackResult unpack(FlistReader flist, BlockReader blocks, Path target, UnpackOptions options) {
        return new Unpacker(flist, blocks, target.toAbsolutePath().normalize(), options).run();
    }

    private record DirAttrs(Path path, Inode inode) {
    }

    private UnpackResult run() {
        long start = System.nanoTime();
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw ZosException.unavailable("cannot create target directory " + target + ": " + e.getMessage(), e);
        }
        if (!Files.isDirectory(target, NOFOLLOW) && !Files.isDirectory(target)) {
            throw ZosException.invalid("target " + target + " is not a directory");
        }
        List<DirAttrs> dirs = new ArrayList<>();
        Map<Long, Path> dirPaths = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.workers(),
                r -> Thread.ofPlatform().daemon().name("flist-unpack").unstarted(r));
        Semaphore slots = new Semaphore(options.workers() * 4);
        try {
            flist.walk((path, inode) -> {
                if (failure.get() != null) {
                    return false;
                }
                Path dest;
                if (inode.ino() == Inode.ROOT && path.equals("/")) {
                    dest = target;
                } else {
                    Path parent = dirPaths.get(inode.parent());
                    if (parent == null) {
                        throw ZosException.invalid("flist " + flist.path() + ": entry " + path
                                + " has no parent directory");
                    }
                    dest = parent.resolve(Names.check(path, inode.name()));
                }
                switch (inode.type()) {
                    case DIRECTORY -> {
                        mkdir(dest, path);
                        dirPaths.put(inode.ino(), dest);
                        dirs.add(new DirAttrs(dest, inode));
                        directories++;
                    }
                    case REGULAR -> {
                        List<BlockRef> refs = flist.blocks(inode.ino());
                        slots.acquireUninterruptibly();
                        pool.execute(() -> {
                            try {
                                if (failure.get() == null) {
                                    writeFile(dest, path, inode, refs);
                                    attrs(dest, inode, false);
                                    files.increment();
                                }
                            } catch (RuntimeException e) {
                                failure.compareAndSet(null, e);
                            } finally {
                                slots.release();
                            }
                        });
                    }
                    case SYMLINK -> {
                        symlink(dest, path, inode);
                        symlinks++;
                    }
                    case FIFO, CHAR_DEVICE, BLOCK_DEVICE -> {
                        replaceable(dest, path);
                        Special.create(dest, inode.type(), inode.rdev());
                        attrs(dest, inode, false);
                        specials++;
                    }
                    default -> skipped.add(path + ": " + inode.type().name().toLowerCase() + " not restorable");
                }
                return true;
            });
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            pool.shutdown();
            slots.acquireUninterruptibly(options.workers() * 4);
            pool.close();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        for (int i = dirs.size() - 1; i >= 0; i--) {
            attrs(dirs.get(i).path(), dirs.get(i).inode(), false);
        }
        return new UnpackResult(files.sum(), directories, symlinks, specials, bytes.sum(), List.copyOf(skipped),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static void mkdir(Path dest, String path) {
        if (Files.isDirectory(dest, NOFOLLOW)) {
            return;
        }
        try {
            Files.createDirectory(dest);
        } catch (FileAlreadyExistsException e) {
            throw ZosException.invalid("cannot create directory " + path + ": " + dest
                    + " exists and is not a directory");
        } catch (IOException e) {
            throw ZosException.unavailable("cannot create directory " + dest + ": " + e.getMessage(), e);
        }
    }

    /** Removes a non-directory already at {@code dest} (never following a symlink). */
    private static void replaceable(Path dest, String path) {
        try {
            if (Files.isDirectory(dest, NOFOLLOW)) {
                throw ZosException.invalid("cannot restore " + path + ": " + dest + " is an existing directory");
            }
            Files.deleteIfExists(dest);
        } catch (IOException e) {
            throw ZosException.unavailable("cannot replace " + dest + ": " + e.getMessage(), e);
        }
    }

    private void symlink(Path dest, String path, Inode inode) {
        if (inode.data() == null) {
            throw ZosException.invalid("flist " + flist.path() + ": symlink " + path + " has no target");
        }
        replaceable(dest, path);
        try {
            Files.createSymbolicLink(dest, Path.of(inode.linkTarget()));
        } catch (IOException | RuntimeException e) {
            throw ZosException.unavailable("cannot create symlink " + dest + ": " + e.getMessage(), e);
        }
        attrs(dest, inode, true);
    }

    private void writeFile(Path dest, String path, Inode inode, List<BlockRef> refs) {
        replaceable(dest, path);
        long written = 0;
        try (FileChannel ch = FileChannel.open(dest, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            for (int i = 0; i < refs.size(); i++) {
                byte[] plain;
                try {
                    plain = blocks.read(refs.get(i));
                } catch (BlockCorruptException e) {
                    throw new ZosException(ZosException.Kind.INVALID, "cannot restore " + path + ": block " + (i + 1)
                            + " of " + refs.size() + " is corrupt (" + e.getMessage() + ")", e);
                } catch (ZosException e) {
                    throw new ZosException(e.kind(), "cannot restore " + path + ": block " + (i + 1) + " of "
                            + refs.size() + ": " + e.getMessage(), e);
                }
                if (isZero(plain)) {
                    written += plain.length;
                    continue;
                }
                ByteBuffer bb = ByteBuffer.wrap(plain);
                while (bb.hasRemaining()) {
                    ch.write(bb, written + bb.position());
                }
                written += plain.length;
            }
            if (ch.size() < written) {
                // trailing zero blocks were skipped (kept sparse): extend the file to its size
                ch.write(ByteBuffer.wrap(new byte[1]), written - 1);
            }
        } catch (IOException e) {
            throw ZosException.unavailable("cannot write " + dest + ": " + e.getMessage(), e);
        }
        if (written != inode.size()) {
            throw ZosException.invalid("cannot restore " + path + ": its blocks hold " + written
                    + " bytes but the flist says " + inode.size());
        }
        bytes.add(written);
    }

    private static boolean isZero(byte[] b) {
        for (int off = 0; off < b.length; off += ZEROS.length) {
            int n = Math.min(ZEROS.length, b.length - off);
            if (Arrays.mismatch(b, off, off + n, ZEROS, 0, n) >= 0) {
                return false;
            }
        }
        return b.length > 0;
    }

    /** Ownership (when asked), then mode (chown clears setuid), then mtime. */
    private void attrs(Path p, Inode inode, boolean link) {
        LinkOption[] opts = link ? NOFOLLOW : new LinkOption[0];
        try {
            if (options.preserveOwnership()) {
                Files.setAttribute(p, "unix:gid", inode.gid(), NOFOLLOW);
                Files.setAttribute(p, "unix:uid", inode.uid(), NOFOLLOW);
            }
            if (!link) {
                Files.setAttribute(p, "unix:mode", inode.permissions(), opts);
            }
            FileTime mtime = FileTime.from(inode.mtime(), java.util.concurrent.TimeUnit.SECONDS);
            switch (inode.type()) {
                case FIFO, CHAR_DEVICE, BLOCK_DEVICE, SOCKET -> {
                    Special.setMtime(p, inode.mtime());
                    return;
                }
                default -> {
                }
            }
            try {
                Files.getFileAttributeView(p, BasicFileAttributeView.class, NOFOLLOW).setTimes(mtime, null, null);
            } catch (IOException | UnsupportedOperationException e) {
                if (!link) {
                    throw e;
                }
            }
        } catch (IOException e) {
            throw ZosException.unavailable("cannot set attributes of " + p + ": " + e.getMessage(), e);
        }
    }
}
