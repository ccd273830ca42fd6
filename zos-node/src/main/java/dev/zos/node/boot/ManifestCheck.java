package dev.zos.node.boot;

import dev.zos.core.hash.Blake2b256;
import dev.zos.core.identity.Ed25519;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Checks the running image against its signed manifest before anything else starts: the signature of
 * {@code /etc/zos/manifest} with the release key, then every file's BLAKE2b-256 hash and size, every link,
 * and that no file outside the kernel file systems is unlisted. The format is zos-imagegen's ({@code zos-manifest 1}).
 */
public final class ManifestCheck {
    static final String MANIFEST = "etc/zos/manifest";
    static final String SIGNATURE = "etc/zos/manifest.sig";
    public static final String KEY = "etc/zos/release.pub";
    private static final Set<String> SKIP = Set.of("proc", "sys", "dev", "run", "tmp");

    private ManifestCheck() {
    }

    /** The outcome: files checked and one line per problem (empty when the image is intact). */
    public record Result(int files, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public static Result check(Path root) throws IOException {
        return check(root, Runtime.getRuntime().availableProcessors());
    }

    /** Checks with the file hashes spread over {@code threads} threads. */
    public static Result check(Path root, int threads) throws IOException {
        List<String> problems = new ArrayList<>();
        byte[] text;
        byte[] key;
        byte[] sig;
        try {
            text = Files.readAllBytes(root.resolve(MANIFEST));
            key = HexFormat.of().parseHex(Files.readString(root.resolve(KEY), StandardCharsets.US_ASCII).strip());
            sig = HexFormat.of().parseHex(Files.readString(root.resolve(SIGNATURE), StandardCharsets.US_ASCII).strip());
        } catch (IOException | IllegalArgumentException e) {
            return new Result(0, List.of("/" + MANIFEST + ": manifest, signature or release key missing or unreadable"));
        }
        if (!Ed25519.verify(key, text, sig)) {
            return new Result(0, List.of("/" + MANIFEST + ": signature does not verify with release key " + HexFormat.of().formatHex(key)));
        }
        String[] lines = new String(text, StandardCharsets.UTF_8).split("\n");
        if (lines.length == 0 || !lines[0].equals("zos-manifest 1")) {
            return new Result(0, List.of("/" + MANIFEST + ": unknown manifest format"));
        }
        Set<String> listed = new HashSet<>();
        List<FileLine> toHash = new ArrayList<>();
        List<String> lineProblems = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(" ");
            if (f.length == 4 && f[0].equals("file") && f[2].matches("\\d{1,15}")) {
                listed.add(f[3]);
                toHash.add(new FileLine(toHash.size(), f[3], f[1], Long.parseLong(f[2])));
            } else if (f.length == 3 && f[0].equals("link")) {
                listed.add(f[2]);
                Path p = root.resolve(f[2].substring(1));
                if (!Files.isSymbolicLink(p) || !Files.readSymbolicLink(p).toString().equals(f[1])) {
                    lineProblems.add(f[2] + ": link missing or pointing elsewhere");
                }
            } else {
                lineProblems.add("/" + MANIFEST + ": line " + (i + 1) + " is malformed");
            }
        }
        problems.addAll(hashAll(root, toHash, threads));
        problems.addAll(lineProblems);
        Set<String> own = Set.of("/" + MANIFEST, "/" + SIGNATURE, "/" + KEY);
        // the kernel file systems are not walked at all: /proc alone is thousands of entries, some of which
        // (a process that is exiting) cannot even be listed
        List<String> unlisted = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return root.equals(dir.getParent()) && SKIP.contains(dir.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
                    String p = "/" + root.relativize(file);
                    if (!listed.contains(p) && !own.contains(p)) {
                        unlisted.add(p);
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        unlisted.stream().sorted().forEach(p -> problems.add(p + ": not in the manifest"));
        return new Result(toHash.size(), List.copyOf(problems));
    }

    /** One {@code file} line of the manifest; {@code index} keeps the report in manifest order. */
    private record FileLine(int index, String path, String hash, long size) {
    }

    /**
     * Checks every file's size and hash on {@code threads} threads, the largest files first so the threads end
     * together; the problems come back in manifest order. Under TCG this is most of the time before the banner.
     */
    private static List<String> hashAll(Path root, List<FileLine> files, int threads) throws IOException {
        String[] found = new String[files.size()];
        List<FileLine> queue = new ArrayList<>(files);
        queue.sort(Comparator.comparingLong(FileLine::size).reversed());
        AtomicInteger next = new AtomicInteger();
        AtomicReference<IOException> failure = new AtomicReference<>();
        Runnable worker = () -> {
            // Bouncy Castle, one per thread (it keeps state): under TCG libsodium's AVX2 code is emulated and takes
            // twice as long; on hardware either hashes the image in well under a second on two threads
            Blake2b256 hasher = Blake2b256.portable();
            for (int i; (i = next.getAndIncrement()) < queue.size() && failure.get() == null; ) {
                FileLine f = queue.get(i);
                try {
                    found[f.index()] = checkFile(root, f, hasher);
                } catch (IOException e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        List<Thread> pool = new ArrayList<>();
        for (int t = 1; t < Math.max(1, threads); t++) {
            pool.add(Thread.ofPlatform().name("manifest-check-" + t).daemon().start(worker));
        }
        worker.run();
        for (Thread t : pool) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while checking the image", e);
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        List<String> problems = new ArrayList<>();
        for (String p : found) {
            if (p != null) {
                problems.add(p);
            }
        }
        return problems;
    }

    /** The problem with one listed file, or null when its size and hash match. */
    private static String checkFile(Path root, FileLine f, Blake2b256 hasher) throws IOException {
        Path p = root.resolve(f.path().substring(1));
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return f.path() + ": missing";
        }
        if (Files.size(p) != f.size() || !blake2b256(p, hasher).equals(f.hash())) {
            return f.path() + ": BLAKE2b-256 mismatch (content changed)";
        }
        return null;
    }

    /** The file's BLAKE2b-256, read through a mapping (no copy into the heap). */
    static String blake2b256(Path file, Blake2b256 hasher) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                return HexFormat.of().formatHex(hasher.hash(new byte[0]));
            }
            if (size > Integer.MAX_VALUE) {
                throw new IOException(file + " is too large to check (" + size + " bytes)");
            }
            return HexFormat.of().formatHex(hasher.hash(ch.map(FileChannel.MapMode.READ_ONLY, 0, size)));
        }
    }
}
