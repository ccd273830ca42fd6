package dev.zos.flist.cache;

import dev.zos.core.ZosException;
import dev.zos.flist.block.BlockCodec;
import dev.zos.flist.block.BlockReader;
import dev.zos.flist.meta.BlockRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * A local cache of decrypted blocks in rfs's layout {@code <dir>/<hex[0:2]>/<hex[2:4]>/<hex(id)>}, in front of
 * another {@link BlockReader}. Several processes may share one directory: a block is downloaded under an
 * exclusive file lock ({@code <path>.lock}) so it is fetched once, and files appear atomically (rename).
 * The cache is bounded: when it grows past {@code maxBytes} the least recently used blocks (by mtime, which
 * a hit refreshes) are removed until it is under 90 % of the bound. Cached plaintext is checked against its
 * key on every hit, so a damaged cache file is dropped and fetched again, never returned.
 */
public final class BlockCache implements BlockReader {

    private static final String HEX = "0123456789abcdef";

    private final Path dir;
    private final long maxBytes;
    private final BlockReader source;
    private final AtomicLong size = new AtomicLong();
    private final ReentrantLock[] stripes = new ReentrantLock[256];
    private final ThreadLocal<BlockCodec> codec = ThreadLocal.withInitial(BlockCodec::new);
    private final Object evictLock = new Object();

    public BlockCache(Path dir, long maxBytes, BlockReader source) {
        if (maxBytes < BlockCodec.BLOCK_SIZE) {
            throw ZosException.invalid("cache size must be at least " + BlockCodec.BLOCK_SIZE + " bytes");
        }
        this.dir = dir.toAbsolutePath();
        this.maxBytes = maxBytes;
        this.source = source;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
        try {
            Files.createDirectories(this.dir);
        } catch (IOException e) {
            throw ZosException.unavailable("cannot create cache directory " + this.dir + ": " + e.getMessage(), e);
        }
        size.set(scan().stream().mapToLong(CachedFile::size).sum());
    }

    /** Where block {@code id}'s plaintext is cached. */
    public Path pathOf(byte[] id) {
        String hex = hex(id);
        return dir.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
    }

    /** Bytes currently accounted to this cache (as seen by this process). */
    public long size() {
        return size.get();
    }

    @Override
    public byte[] read(BlockRef ref) {
        Path p = pathOf(ref.id());
        byte[] hit = hit(p, ref);
        if (hit != null) {
            return hit;
        }
        ReentrantLock stripe = stripes[ref.id()[1] & 0xff];
        stripe.lock();
        try {
            Files.createDirectories(p.getParent());
            Path lockPath = p.resolveSibling(p.getFileName() + ".lock");
            try (FileChannel lc = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lc.lock()) {
                hit = hit(p, ref);
                if (hit != null) {
                    return hit;
                }
                byte[] plain = source.read(ref);
                Path tmp = p.resolveSibling("." + p.getFileName() + ".tmp" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
                Files.write(tmp, plain);
                try {
                    Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.deleteIfExists(lockPath);
                if (size.addAndGet(plain.length) > maxBytes) {
                    evict();
                }
                return plain;
            }
        } catch (IOException e) {
            throw ZosException.unavailable("block cache " + dir + " is unusable: " + e.getMessage(), e);
        } finally {
            stripe.unlock();
        }
    }

    private byte[] hit(Path p, BlockRef ref) {
        byte[] data;
        try {
            data = Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
        if (!MessageDigest.isEqual(codec.get().hash(data, 0, data.length), ref.key())) {
            try {
                Files.deleteIfExists(p);
                size.addAndGet(-data.length);
            } catch (IOException ignored) {
                // fetched again below
            }
            return null;
        }
        try {
            Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException ignored) {
            // LRU order is best effort
        }
        return data;
    }

    private record CachedFile(Path path, long size, long mtime) {
    }

    private List<CachedFile> scan() {
        List<CachedFile> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir, 3)) {
            s.forEach(p -> {
                String n = p.getFileName().toString();
                if (n.length() == 64 && p.getNameCount() == dir.getNameCount() + 3) {
                    try {
                        out.add(new CachedFile(p, Files.size(p), Files.getLastModifiedTime(p).toMillis()));
                    } catch (IOException ignored) {
                        // removed meanwhile
                    }
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw ZosException.unavailable("cannot scan block cache " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Removes least recently used blocks until the cache is under 90 % of its bound. */
    public void evict() {
        synchronized (evictLock) {
            List<CachedFile> all = scan();
            long total = all.stream().mapToLong(CachedFile::size).sum();
            long goal = maxBytes / 10 * 9;
            all.sort(Comparator.comparingLong(CachedFile::mtime));
            for (CachedFile f : all) {
                if (total <= goal) {
                    break;
                }
                try {
                    Files.deleteIfExists(f.path());
                    total -= f.size();
                } catch (IOException ignored) {
                    // in use elsewhere; try the next
                }
            }
            size.set(total);
        }
    }

    private static String hex(byte[] id) {
        StringBuilder sb = new StringBuilder(id.length * 2);
        for (byte b : id) {
            sb.append(HEX.charAt((b >> 4) & 0xf)).append(HEX.charAt(b & 0xf));
        }
        return sb.toString();
    }
}
