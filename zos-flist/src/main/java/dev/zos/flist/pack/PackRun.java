package dev.zos.flist.pack;

import dev.zos.core.ZosException;
import dev.zos.flist.block.BlockCodec;
import dev.zos.flist.meta.BlockRef;
import dev.zos.flist.meta.FileType;
import dev.zos.flist.meta.FlistWriter;
import dev.zos.flist.meta.Inode;
import dev.zos.flist.meta.Route;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** One pack: the walker (this thread), the block workers and the shared state. */
final class PackRun {

    static final String ATTRS = "unix:mode,ino,dev,rdev,nlink,uid,gid,size,ctime,lastModifiedTime";
    /** A unit of small files is sent when it reaches this many files or bytes. */
    static final int UNIT_FILES = 64;
    static final long UNIT_BYTES = 4L << 20;
    /** Blocks of a large file per unit (8 MiB), so one file spreads over all workers. */
    static final int SEGMENT_BLOCKS = 16;
    /** Files with more blocks than this are not remembered in the change index. */
    static final int INDEX_MAX_BLOCKS = 1 << 16;

    private final Path root;
    private final Path flist;
    private final dev.zos.flist.store.BlockStore store;
    private final PackOptions options;
    private final PackStats stats = new PackStats();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final BlockingQueue<List<FileJob.Segment>> queue;
    private FlistWriter writer;
    private ChangeIndex index;
    private long nextRow = 1;
    private List<FileJob.Segment> unit = new ArrayList<>();
    private long unitBytes;

    PackRun(Path root, Path flist, dev.zos.flist.store.BlockStore store, PackOptions options) {
        this.root = root;
        this.flist = flist;
        this.store = store;
        this.options = options;
        this.queue = new ArrayBlockingQueue<>(options.queueDepth());
    }

    boolean failed() {
        return failure.get() != null;
    }

    void fail(Throwable t) {
        failure.compareAndSet(null, t);
    }

    PackResult run() {
        if (!Files.isDirectory(root)) {
            throw ZosException.invalid("cannot pack " + root + ": not a directory");
        }
        writer = FlistWriter.create(flist);
        List<Thread> workers = new ArrayList<>();
        ScheduledExecutorService ticker = null;
        try {
            if (options.changeIndex() != null) {
                index = ChangeIndex.open(options.changeIndex());
            }
            for (Map.Entry<String, String> t : options.tags().entrySet()) {
                writer.tag(t.getKey(), t.getValue());
            }
            for (Route r : store.routes(options.keepPasswords())) {
                writer.route(r);
            }
            Map<Id32, byte[]> keyToId = BlockWorker.newKeyMap();
            Set<Id32> seen = ConcurrentHashMap.newKeySet(1024);
            for (int i = 0; i < options.workers(); i++) {
                Thread t = Thread.ofPlatform().name("flist-pack-" + i).daemon()
                        .unstarted(new BlockWorker(this, queue, store, writer, index, stats, keyToId, seen));
                t.start();
                workers.add(t);
            }
            if (options.progress() != null) {
                ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                        .name("flist-pack-progress").unstarted(r));
                long ms = Math.max(10, options.progressInterval().toMillis());
                ticker.scheduleAtFixedRate(() -> options.progress().accept(stats.progress()), ms, ms,
                        TimeUnit.MILLISECONDS);
            }
            walk();
            flush();
            for (int i = 0; i < workers.size(); i++) {
                put(BlockWorker.POISON);
            }
            for (Thread t : workers) {
                t.join();
            }
            rethrow();
            if (ticker != null) {
                ticker.shutdownNow();
                ticker = null;
                options.progress().accept(stats.progress());
            }
            writer.close();
            if (index != null) {
                index.commit();
            }
            return stats.result(writer.path());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
            throw ZosException.unavailable("pack interrupted", e);
        } catch (RuntimeException | Error e) {
            fail(e);
            throw e;
        } finally {
            if (ticker != null) {
                ticker.shutdownNow();
            }
            if (failed()) {
                queue.clear();
                for (Thread t : workers) {
                    t.interrupt();
                }
                writer.abort();
            }
            if (index != null) {
                index.close();
            }
        }
    }

    private void rethrow() {
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new ZosException(ZosException.Kind.INTERNAL, "pack failed: " + t, t);
        }
    }

    private record Dir(Path path, String rel, long ino) {
    }

    private void walk() throws InterruptedException {
        Map<String, Object> ra = attrs(root, true);
        long rootIno = writer.inode(inode(Inode.ROOT, 0, "/", ra, null));
        stats.directories.increment();
        stats.entries.increment();
        Deque<Dir> stack = new ArrayDeque<>();
        stack.push(new Dir(root, "", rootIno));
        while (!stack.isEmpty()) {
            rethrow();
            Dir d = stack.pop();
            List<Path> kids = list(d.path);
            List<Dir> subdirs = new ArrayList<>();
            for (Path p : kids) {
                String name = p.getFileName().toString();
                String rel = d.rel.isEmpty() ? name : d.rel + "/" + name;
                Map<String, Object> a = attrs(p, false);
                int mode = (Integer) a.get("mode");
                FileType type = FileType.of(mode);
                byte[] data = null;
                if (type == FileType.SYMLINK) {
                    try {
                        data = Files.readSymbolicLink(p).toString().getBytes(StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw ZosException.unavailable("cannot read symlink " + p + ": " + e.getMessage(), e);
                    }
                }
                long ino = writer.inode(inode(0, d.ino, name, a, data));
                stats.entries.increment();
                switch (type) {
                    case DIRECTORY -> {
                        stats.directories.increment();
                        subdirs.add(new Dir(p, rel, ino));
                    }
                    case SYMLINK -> stats.symlinks.increment();
                    case REGULAR -> {
                        stats.regular.increment();
                        schedule(ino, p, rel, a);
                    }
                    default -> stats.specials.increment();
                }
            }
            for (int i = subdirs.size() - 1; i >= 0; i--) {
                stack.push(subdirs.get(i));
            }
        }
    }

    private void schedule(long ino, Path p, String rel, Map<String, Object> a) throws InterruptedException {
        long size = (Long) a.get("size");
        if (size == 0) {
            stats.files.increment();
            return;
        }
        long nblocks = (size + BlockCodec.BLOCK_SIZE - 1) / BlockCodec.BLOCK_SIZE;
        if (nblocks > Integer.MAX_VALUE) {
            throw ZosException.invalid("file " + p + " is too large to pack");
        }
        int blocks = (int) nblocks;
        long rowBase = nextRow;
        nextRow += blocks;
        stats.totalBytes.addAndGet(size);
        FileStat st = new FileStat((Long) a.get("dev"), (Long) a.get("ino"), size,
                ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS),
                ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS));
        boolean indexed = index != null && blocks <= INDEX_MAX_BLOCKS;
        List<BlockRef> cached = indexed ? index.lookup(rel, st) : null;
        if (cached != null && cached.size() != blocks) {
            cached = null;
        }
        if (cached != null || blocks <= SEGMENT_BLOCKS) {
            FileJob job = new FileJob(ino, p, rel, size, rowBase, blocks, st, cached, indexed, 1);
            unit.add(new FileJob.Segment(job, 0, blocks));
            unitBytes += cached != null ? 0 : size;
            if (unit.size() >= UNIT_FILES || unitBytes >= UNIT_BYTES) {
                flush();
            }
            return;
        }
        flush();
        int segments = (blocks + SEGMENT_BLOCKS - 1) / SEGMENT_BLOCKS;
        FileJob job = new FileJob(ino, p, rel, size, rowBase, blocks, st, null, indexed, segments);
        for (int first = 0; first < blocks; first += SEGMENT_BLOCKS) {
            put(List.of(new FileJob.Segment(job, first, Math.min(SEGMENT_BLOCKS, blocks - first))));
        }
    }

    private void flush() throws InterruptedException {
        if (!unit.isEmpty()) {
            put(unit);
            unit = new ArrayList<>();
            unitBytes = 0;
        }
    }

    private void put(List<FileJob.Segment> u) throws InterruptedException {
        while (!queue.offer(u, 50, TimeUnit.MILLISECONDS)) {
            if (u != BlockWorker.POISON) {
                rethrow();
            }
        }
    }

    private static List<Path> list(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                out.add(p);
            }
        } catch (IOException e) {
            throw ZosException.unavailable("cannot list directory " + dir + ": " + e.getMessage(), e);
        }
        Collections.sort(out, (x, y) -> x.getFileName().toString().compareTo(y.getFileName().toString()));
        return out;
    }

    private static Map<String, Object> attrs(Path p, boolean follow) {
        try {
            return follow ? Files.readAttributes(p, ATTRS) : Files.readAttributes(p, ATTRS, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw ZosException.unavailable("cannot stat " + p + ": " + e.getMessage(), e);
        }
    }

    private static Inode inode(long ino, long parent, String name, Map<String, Object> a, byte[] data) {
        return new Inode(ino, parent, name, (Long) a.get("size"), (Integer) a.get("uid"), (Integer) a.get("gid"),
                (Integer) a.get("mode"), (Long) a.get("rdev"),
                ((FileTime) a.get("ctime")).to(TimeUnit.SECONDS),
                ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.SECONDS), data);
    }
}
