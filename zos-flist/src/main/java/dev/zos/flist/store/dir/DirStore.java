package dev.zos.flist.store.dir;

import dev.zos.core.ZosException;
import dev.zos.flist.store.BlockStore;
import dev.zos.flist.store.StoreFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code dir:///abs/path}: block {@code id} at {@code root/<hex[0:2]>/<hex>}; the older flat layout
 * {@code root/<hex>} is read too. Writes are atomic (temporary file + rename).
 */
public final class DirStore implements BlockStore {

    public static final String SCHEME = "dir";

    public static final StoreFactory FACTORY = new StoreFactory() {
        @Override
        public Set<String> schemes() {
            return Set.of(SCHEME);
        }

        @Override
        public BlockStore open(String url) {
            return DirStore.open(url);
        }
    };

    private static final HexFormat HEX = HexFormat.of();

    private final Path root;
    private final String url;
    private final boolean[] shardReady = new boolean[256];
    private volatile Boolean flatLayout;

    public DirStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.url = "dir://" + this.root;
    }

    public static DirStore open(String url) {
        if (!url.startsWith(SCHEME + "://")) {
            throw ZosException.invalid("not a dir:// store URL: " + url);
        }
        String path = url.substring((SCHEME + "://").length());
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        if (path.isEmpty()) {
            throw ZosException.invalid("dir:// store URL needs a path, e.g. dir:///srv/blocks");
        }
        return new DirStore(Path.of(path));
    }

    public Path root() {
        return root;
    }

    /** Where block {@code id} is written: {@code root/<hex[0:2]>/<hex>}. */
    public Path pathOf(byte[] id) {
        String hex = HEX.formatHex(id);
        return root.resolve(hex.substring(0, 2)).resolve(hex);
    }

    @Override
    public byte[] get(byte[] id) {
        Path p = pathOf(id);
        try {
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            try {
                return Files.readAllBytes(root.resolve(p.getFileName()));
            } catch (NoSuchFileException e2) {
                if (!Files.isDirectory(root)) {
                    throw ZosException.unavailable("store " + url + " is unavailable: directory "
                            + root + " does not exist", e2);
                }
                throw ZosException.notFound("block " + p.getFileName() + " not found in store " + url);
            } catch (IOException e2) {
                throw down(e2);
            }
        } catch (IOException e) {
            throw down(e);
        }
    }

    @Override
    public void set(byte[] id, byte[] data, int off, int len) {
        Path p = pathOf(id);
        int shard = id[0] & 0xff;
        Path dir = p.getParent();
        Path tmp = dir.resolve("." + p.getFileName() + ".tmp" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            if (!shardReady[shard]) {
                Files.createDirectories(dir);
                shardReady[shard] = true;
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(data, off, len);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
            try {
                Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (FileAlreadyExistsException e) {
            throw down(e);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort
            }
            shardReady[shard] = false;
            throw down(e);
        }
    }

    @Override
    public boolean exists(byte[] id) {
        Path p = pathOf(id);
        if (Files.exists(p) || (hasFlatBlocks() && Files.exists(root.resolve(p.getFileName())))) {
            return true;
        }
        // "no" must mean the block is missing, not that the store is broken (a root that is not a directory);
        // a root that does not exist yet is fine: the first write creates it. Exists first, directory second: another
        // thread may create the root between the two looks, which must not read as "not a directory"
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw ZosException.unavailable("store " + url + " is unavailable: " + root + " is not a directory", null);
        }
        return false;
    }

    /** Whether the root holds blocks in the older flat layout (checked once: a sharded root holds directories only). */
    private boolean hasFlatBlocks() {
        Boolean flat = flatLayout;
        if (flat == null) {
            flat = false;
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
                for (Path p : ds) {
                    if (p.getFileName().toString().length() == 64) {
                        flat = true;
                        break;
                    }
                }
            } catch (IOException e) {
                flat = false;
            }
            flatLayout = flat;
        }
        return flat;
    }

    @Override
    public String url() {
        return url;
    }

    private ZosException down(IOException e) {
        return ZosException.unavailable("store " + url + " is unavailable: " + e, e);
    }
}
