package dev.zos.grid.hub;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zos.core.ZosException;
import dev.zos.flist.hub.HubEntry;
import dev.zos.flist.hub.HubNames;
import dev.zos.flist.store.BlockStore;
import dev.zos.flist.store.Stores;
import dev.zos.flist.store.dir.DirStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hub's files under its data directory:
 * <pre>
 * blocks/&lt;hex[0:2]&gt;/&lt;hex&gt;          the block store (a {@link DirStore}), unless blocks live in another store
 *                                   (s3://, zdb://: any {@link BlockStore} URL)
 * users/&lt;twin&gt;/entries/&lt;name&gt;.json  one entry per name: an flist or a link
 * users/&lt;twin&gt;/files/&lt;md5&gt;.fl         the flist files the entries name
 * tmp/                              uploads in progress
 * </pre>
 * Every write lands in a temporary file that is renamed into place, so a reader sees the old state or
 * the new. Writes to one namespace are serialised; reads take no lock.
 */
final class HubStorage {
    static final int MAX_LINK_DEPTH = 8;
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path root;
    private final BlockStore blocks;
    private final Clock clock;
    private final ConcurrentHashMap<Long, Object> locks = new ConcurrentHashMap<>();

    HubStorage(Path root, String blockStore, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
        try {
            Files.createDirectories(this.root.resolve("blocks"));
            Files.createDirectories(this.root.resolve("users"));
            Files.createDirectories(this.root.resolve("tmp"));
        } catch (IOException e) {
            throw ZosException.unavailable("cannot create the hub directory " + this.root + ": " + e.getMessage(), e);
        }
        this.blocks = blockStore == null ? new DirStore(this.root.resolve("blocks")) : Stores.defaults().open(blockStore);
    }

    Path root() {
        return root;
    }

    BlockStore blocks() {
        return blocks;
    }

    /** A fresh path for an upload in progress. */
    Path tempFile(String suffix) throws IOException {
        return Files.createTempFile(root.resolve("tmp"), "upload-", suffix);
    }

    /** Users that have at least one entry, in numeric order. */
    List<String> users() {
        List<Long> ids = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root.resolve("users"))) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (HubNames.isUser(n) && hasEntries(p)) {
                    ids.add(Long.parseLong(n));
                }
            }
        } catch (IOException e) {
            throw down(e);
        }
        ids.sort(Comparator.naturalOrder());
        return ids.stream().map(String::valueOf).toList();
    }

    private static boolean hasEntries(Path user) throws IOException {
        Path entries = user.resolve("entries");
        if (!Files.isDirectory(entries)) {
            return false;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(entries, "*.json")) {
            return ds.iterator().hasNext();
        }
    }

    /** A user's entries by name; links show their target's size and md5. */
    List<HubEntry> list(long twin) {
        Path dir = entries(twin);
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
                for (Path p : ds) {
                    String f = p.getFileName().toString();
                    String name = f.substring(0, f.length() - ".json".length());
                    if (HubNames.isName(name)) {
                        names.add(name);
                    }
                }
            } catch (IOException e) {
                throw down(e);
            }
        }
        names.sort(Comparator.naturalOrder());
        List<HubEntry> out = new ArrayList<>();
        for (String n : names) {
            describe(twin, n).ifPresent(out::add);
        }
        return out;
    }

    /** The entry {@code name} as listed, or empty. */
    Optional<HubEntry> describe(long twin, String name) {
        Optional<StoredEntry> stored = read(twin, name);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        StoredEntry e = stored.get();
        if (HubEntry.SYMLINK.equals(e.type())) {
            Optional<Resolved> target = resolve(twin, name);
            return Optional.of(new HubEntry(name, HubEntry.SYMLINK, target.map(r -> r.entry().size()).orElse(0L),
                    target.map(r -> r.entry().md5()).orElse(null), e.updated(), e.target(), null));
        }
        return Optional.of(new HubEntry(name, HubEntry.REGULAR, e.size(), e.md5(), e.updated(), null, null));
    }

    /** An entry followed through links to an flist file. */
    record Resolved(String name, StoredEntry entry, Path file) {
    }

    /** Follows {@code name} through links (at most {@link #MAX_LINK_DEPTH}) to an flist. */
    Optional<Resolved> resolve(long twin, String name) {
        String current = name;
        for (int depth = 0; depth <= MAX_LINK_DEPTH; depth++) {
            Optional<StoredEntry> e = read(twin, current);
            if (e.isEmpty()) {
                return Optional.empty();
            }
            if (!HubEntry.SYMLINK.equals(e.get().type())) {
                return Optional.of(new Resolved(current, e.get(), files(twin).resolve(e.get().file())));
            }
            current = e.get().target();
            if (!HubNames.isName(current)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    Optional<StoredEntry> read(long twin, String name) {
        if (!HubNames.isName(name)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(entries(twin).resolve(name + ".json")), StoredEntry.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw down(e);
        }
    }

    /**
     * Makes {@code uploaded} (already validated) the flist {@code name} of {@code twin}; a link of that name is
     * refused, an flist of that name replaced.
     */
    HubEntry publish(long twin, String name, Path uploaded, String md5, long size) {
        synchronized (lock(twin)) {
            Optional<StoredEntry> old = read(twin, name);
            if (old.isPresent() && HubEntry.SYMLINK.equals(old.get().type())) {
                throw HubRefusal.conflict(name + " is a link in namespace " + twin + "; delete it before publishing an flist under that name");
            }
            String file = md5 + ".fl";
            try {
                Files.createDirectories(files(twin));
                move(uploaded, files(twin).resolve(file));
                StoredEntry entry = new StoredEntry(HubEntry.REGULAR, md5, size, file, null, now());
                write(twin, name, entry);
                old.ifPresent(o -> dropUnused(twin, o.file()));
                return new HubEntry(name, HubEntry.REGULAR, size, md5, entry.updated(), null, null);
            } catch (IOException e) {
                throw down(e);
            }
        }
    }

    /** Points link {@code name} at the flist {@code target} of the same namespace. */
    HubEntry link(long twin, String name, String target) {
        synchronized (lock(twin)) {
            if (name.equals(target)) {
                throw HubRefusal.badRequest("a link cannot point at itself (" + name + ")");
            }
            Optional<StoredEntry> t = read(twin, target);
            if (t.isEmpty()) {
                throw HubRefusal.notFound("no flist " + target + " in namespace " + twin + " to link to");
            }
            if (!HubEntry.REGULAR.equals(t.get().type())) {
                throw HubRefusal.conflict(target + " is itself a link; link to an flist");
            }
            Optional<StoredEntry> old = read(twin, name);
            if (old.isPresent() && HubEntry.REGULAR.equals(old.get().type())) {
                throw HubRefusal.conflict(name + " is an flist in namespace " + twin + "; delete it before linking that name");
            }
            StoredEntry entry = new StoredEntry(HubEntry.SYMLINK, null, null, null, target, now());
            try {
                write(twin, name, entry);
            } catch (IOException e) {
                throw down(e);
            }
            return new HubEntry(name, HubEntry.SYMLINK, t.get().size(), t.get().md5(), entry.updated(), target, null);
        }
    }

    /** Deletes {@code name}; deleting an flist leaves links to it dangling (they answer 404). */
    void delete(long twin, String name) {
        synchronized (lock(twin)) {
            Optional<StoredEntry> old = read(twin, name);
            if (old.isEmpty()) {
                throw HubRefusal.notFound("no flist or link " + name + " in namespace " + twin);
            }
            try {
                Files.delete(entries(twin).resolve(name + ".json"));
                fsyncDir(entries(twin));
            } catch (IOException e) {
                throw down(e);
            }
            if (old.get().file() != null) {
                dropUnused(twin, old.get().file());
            }
        }
    }

    /** Deletes a file no entry of the namespace names any more (readers that opened it keep reading). */
    private void dropUnused(long twin, String file) {
        if (file == null) {
            return;
        }
        Path dir = entries(twin);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
            for (Path p : ds) {
                StoredEntry e = JSON.readValue(Files.readAllBytes(p), StoredEntry.class);
                if (file.equals(e.file())) {
                    return;
                }
            }
            Files.deleteIfExists(files(twin).resolve(file));
        } catch (IOException e) {
            // an unused file stays behind; harmless
        }
    }

    private void write(long twin, String name, StoredEntry entry) throws IOException {
        Path dir = entries(twin);
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(root.resolve("tmp"), "entry-", ".json");
        try {
            Files.write(temp, JSON.writeValueAsBytes(entry));
            move(temp, dir.resolve(name + ".json"));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** fsync then rename into place (same file system: tmp/ is under the root). */
    private static void move(Path from, Path to) throws IOException {
        try (FileChannel ch = FileChannel.open(from, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        fsyncDir(to.getParent());
    }

    private static void fsyncDir(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // not every file system syncs directories
        }
    }

    private Object lock(long twin) {
        return locks.computeIfAbsent(twin, t -> new Object());
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private Path entries(long twin) {
        return root.resolve("users").resolve(Long.toString(twin)).resolve("entries");
    }

    private Path files(long twin) {
        return root.resolve("users").resolve(Long.toString(twin)).resolve("files");
    }

    private ZosException down(IOException e) {
        return ZosException.unavailable("hub storage " + root + " failed: " + e, e);
    }
}
