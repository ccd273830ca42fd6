package dev.zos.flist.mount;

import dev.zos.core.ZosException;
import dev.zos.flist.block.BlockReader;
import dev.zos.flist.meta.FlistReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A live, read-only, lazy FUSE mount of an flist ({@code fuse.g8ufs}, as ThreeFold nodes expect).
 *
 * <pre>{@code
 * try (FlistReader fl = FlistReader.open(path); BlockStore store = Stores.defaults().openRoutes(fl.routes());
 *      FlistMount m = FlistMount.mount(fl, new BlockCache(cache, max, new StoreBlockReader(store)), target,
 *              MountOptions.defaults())) {
 *     m.awaitUnmounted();
 * }
 * }</pre>
 *
 * The inode table is indexed in memory before the mount goes live; file content is fetched block by block as
 * reads need it, each block verified. {@link #mount} returns once the kernel shows the mount; a JVM shutdown
 * (SIGTERM, SIGINT) unmounts it.
 */
public final class FlistMount implements AutoCloseable {

    /** The filesystem type the kernel reports ({@code fuse.} + subtype). */
    public static final String FS_TYPE = "fuse.g8ufs";

    private static final long MOUNT_TIMEOUT_MS = 20_000;
    private static final long UNMOUNT_TIMEOUT_MS = 10_000;

    private final Path target;
    private final FlistFs fs;
    private final DecodedBlocks memory;
    private final Thread loop;
    private final AtomicReference<Throwable> loopFailure;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private FlistMount(Path target, FlistFs fs, DecodedBlocks memory, Thread loop,
                       AtomicReference<Throwable> loopFailure) {
        this.target = target;
        this.fs = fs;
        this.memory = memory;
        this.loop = loop;
        this.loopFailure = loopFailure;
        this.shutdownHook = new Thread(this::unmountQuietly, "flist-unmount");
    }

    /**
     * Mounts {@code flist} on {@code target} (an existing, empty directory that is not a mount point) and returns
     * once the mount is live. {@code blocks} supplies verified plaintext (typically a {@code BlockCache} over a
     * {@code StoreBlockReader}); the caller keeps ownership of {@code flist} and must keep it open until unmounted.
     */
    public static FlistMount mount(FlistReader flist, BlockReader blocks, Path target, MountOptions options) {
        Path dir = target.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw ZosException.invalid("mount point " + target + " does not exist or is not a directory");
        }
        if (MountTable.at(dir).isPresent()) {
            throw ZosException.invalid("mount point " + target + " is already a mount point ("
                    + MountTable.at(dir).get().fsType() + "); unmount it first");
        }
        if (!Files.exists(Path.of("/dev/fuse"))) {
            throw ZosException.unavailable("FUSE is not available: /dev/fuse is missing (load the fuse module)", null);
        }
        FlistTree tree = FlistTree.load(flist);
        FlistFs fs;
        try {
            fs = newFs(flist, tree, blocks, options);
        } catch (LinkageError | RuntimeException e) {
            throw ZosException.unavailable("cannot load libfuse (install Debian's libfuse2): " + e.getMessage(), e);
        }
        DecodedBlocks memory = fs.memory();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        String[] opts = {"-o", String.join(",", fuseOptions(options))};
        Thread loop = new Thread(() -> {
            try {
                fs.mount(dir, true, options.debug(), opts);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "flist-fuse " + dir);
        loop.setDaemon(false);
        loop.start();
        FlistMount m = new FlistMount(dir, fs, memory, loop, failure);
        m.awaitLive();
        Runtime.getRuntime().addShutdownHook(m.shutdownHook);
        return m;
    }

    private static FlistFs newFs(FlistReader flist, FlistTree tree, BlockReader blocks, MountOptions options) {
        DecodedBlocks memory = new DecodedBlocks(blocks, options.memoryBlocks(), options.prefetchThreads(),
                Math.max(1, options.readAheadBlocks() * options.prefetchThreads()));
        return new FlistFs(flist, tree, memory, options.readAheadBlocks());
    }

    static List<String> fuseOptions(MountOptions options) {
        List<String> o = new ArrayList<>(List.of("ro", "fsname=" + ProcessHandle.current().pid(), "subtype=g8ufs",
                "default_permissions", "use_ino", "kernel_cache",
                // an flist never changes under a mount: let the kernel keep names and attributes
                "entry_timeout=3600", "attr_timeout=3600", "negative_timeout=3600"));
        boolean allowOther = options.allowOther() != null ? options.allowOther() : otherUsersAllowed();
        if (allowOther) {
            o.add("allow_other");
        }
        return o;
    }

    private static boolean otherUsersAllowed() {
        if ("root".equals(System.getProperty("user.name"))) {
            return true;
        }
        try {
            return Files.readAllLines(Path.of("/etc/fuse.conf")).stream().map(String::strip)
                    .anyMatch(l -> l.equals("user_allow_other"));
        } catch (IOException e) {
            return false;
        }
    }

    private void awaitLive() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MOUNT_TIMEOUT_MS);
        while (System.nanoTime() < deadline) {
            var e = MountTable.at(target);
            if (e.isPresent() && e.get().fsType().equals(FS_TYPE)) {
                return;
            }
            if (!loop.isAlive()) {
                memory.close();
                Throwable t = loopFailure.get();
                throw ZosException.unavailable("cannot mount on " + target + ": libfuse gave up"
                        + (t == null ? "" : " (" + rootMessage(t) + ")")
                        + "; see the lines libfuse printed above", t);
            }
            sleep(20);
        }
        unmountQuietly();
        throw ZosException.unavailable("cannot mount on " + target + ": the mount did not appear within "
                + MOUNT_TIMEOUT_MS / 1000 + " s", null);
    }

    public Path target() {
        return target;
    }

    /** Whether the kernel still shows this mount. */
    public boolean isMounted() {
        return loop.isAlive() && MountTable.at(target).filter(e -> e.fsType().equals(FS_TYPE)).isPresent();
    }

    /** Blocks until the file system is unmounted (by {@link #close}, {@link #unmount} or {@code umount}). */
    public void awaitUnmounted() throws InterruptedException {
        loop.join();
    }

    /** Unmounts (if still mounted) and waits for the FUSE loop to end. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook is running or ran
        }
        try {
            if (loop.isAlive() && MountTable.at(target).filter(e -> e.fsType().equals(FS_TYPE)).isPresent()) {
                unmount(target, true);
            }
            loop.join(UNMOUNT_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            memory.close();
        }
    }

    private void unmountQuietly() {
        try {
            if (MountTable.at(target).filter(e -> e.fsType().equals(FS_TYPE)).isPresent()) {
                unmount(target, true);
            }
            loop.join(UNMOUNT_TIMEOUT_MS);
        } catch (RuntimeException | InterruptedException e) {
            System.err.println("flist mount: cannot unmount " + target + ": " + e.getMessage());
        }
    }

    /**
     * Unmounts the flist mounted on {@code target} with {@code fusermount -u} ({@code umount} when that fails or
     * does not exist) and waits until the kernel no longer shows it. Refuses anything that is not a {@value #FS_TYPE}, and
     * a mount still in use (busy).
     */
    public static void unmount(Path target) {
        unmount(target, false);
    }

    /**
     * Like {@link #unmount(Path)}; with {@code detachBusy} a mount still in use is detached lazily
     * ({@code fusermount -uz}, else {@code umount -l}): it leaves the namespace now and goes away when its last user closes it.
     */
    public static void unmount(Path target, boolean detachBusy) {
        Path dir = target.toAbsolutePath().normalize();
        var entry = MountTable.at(dir);
        if (entry.isEmpty()) {
            throw ZosException.notFound(target + " is not a mount point");
        }
        if (!entry.get().fsType().equals(FS_TYPE)) {
            throw ZosException.invalid(target + " is a " + entry.get().fsType() + " mount, not an flist ("
                    + FS_TYPE + ")");
        }
        // fusermount for a user's own mount; umount where there is no fusermount (a node image has none) or it
        // failed: as root it works, and otherwise it fails harmlessly
        String out = run("fusermount", "-u", dir.toString());
        if (stillMounted(dir, 2_000)) {
            out = run("umount", dir.toString());
        }
        if (detachBusy && stillMounted(dir, 2_000)) {
            out = run("fusermount", "-u", "-z", dir.toString());
            if (stillMounted(dir, 500)) {
                out = run("umount", "-l", dir.toString());
            }
        }
        if (stillMounted(dir, UNMOUNT_TIMEOUT_MS)) {
            throw ZosException.unavailable("cannot unmount " + target + (out.isBlank() ? "" : ": " + out.strip())
                    + " (is a process still using it? try 'fusermount -uz " + dir + "')", null);
        }
    }

    private static boolean stillMounted(Path dir, long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            if (MountTable.at(dir).filter(e -> e.fsType().equals(FS_TYPE)).isEmpty()) {
                return false;
            }
            if (System.nanoTime() > deadline) {
                return true;
            }
            sleep(20);
        }
    }

    private static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(UNMOUNT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return out;
        } catch (IOException e) {
            return cmd[0] + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return cmd[0] + ": interrupted";
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ZosException.unavailable("interrupted while waiting for the mount", null);
        }
    }
}
