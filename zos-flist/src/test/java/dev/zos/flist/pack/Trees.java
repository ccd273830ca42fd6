package dev.zos.flist.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Builds the nasty test tree and compares trees (also used by zos-flistctl's tests, through the test-jar). */
public final class Trees {

    public static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    /** rfs's block size: file sizes around it are where packing and mounting go wrong. */
    public static final int BLOCK = 524288;
    public static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private Trees() {
    }

    public static byte[] random(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    public static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertThat(p.waitFor()).as(String.join(" ", cmd)).isZero();
    }

    /** The tree of the round-trip test. */
    public static void nasty(Path root) throws Exception {
        Files.createDirectories(root);
        Path deep = root;
        for (int i = 0; i < 40; i++) {
            deep = deep.resolve("d" + i);
        }
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("bottom.txt"), "deep\n");

        Path many = Files.createDirectory(root.resolve("many"));
        for (int i = 0; i < 2100; i++) {
            Files.writeString(many.resolve(String.format("f%04d", i)), i % 3 == 0 ? "same\n" : "file " + i + "\n");
        }

        Path sizes = Files.createDirectory(root.resolve("sizes"));
        for (int n : new int[] {0, 1, 4095, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK, 3 * BLOCK + 17, 6 * BLOCK + 12345}) {
            Files.write(sizes.resolve("s" + n), random(n, n));
        }
        try (RandomAccessFile raf = new RandomAccessFile(sizes.resolve("sparse").toFile(), "rw")) {
            raf.setLength(5L * 524288 + 100);
            raf.seek(2L * 524288 + 5);
            raf.write(random(7, 1000));
        }
        try (RandomAccessFile raf = new RandomAccessFile(sizes.resolve("allzero-tail").toFile(), "rw")) {
            raf.write(random(8, 10));
            raf.setLength(3L * 524288);
        }

        Path links = Files.createDirectory(root.resolve("links"));
        Files.writeString(links.resolve("target.txt"), "hard and soft\n");
        Files.createLink(links.resolve("hard1"), links.resolve("target.txt"));
        Files.createLink(links.resolve("hard2"), links.resolve("target.txt"));
        Files.createSymbolicLink(links.resolve("abs"), Path.of("/etc/hostname"));
        Files.createSymbolicLink(links.resolve("rel"), Path.of("../sizes/s1"));
        Files.createSymbolicLink(links.resolve("dangling"), Path.of("nowhere/at/all"));
        Files.createSymbolicLink(links.resolve("dirlink"), Path.of("../many"));
        Files.createSymbolicLink(links.resolve("long"), Path.of("x".repeat(1000)));

        Path modes = Files.createDirectory(root.resolve("modes"));
        Files.writeString(modes.resolve("suid"), "#!/bin/sh\n");
        Files.setAttribute(modes.resolve("suid"), "unix:mode", 04755);
        Files.writeString(modes.resolve("sgid"), "x");
        Files.setAttribute(modes.resolve("sgid"), "unix:mode", 02711);
        Files.writeString(modes.resolve("private"), "x");
        Files.setAttribute(modes.resolve("private"), "unix:mode", 0600);
        Path sticky = Files.createDirectory(modes.resolve("tmp"));
        Files.setAttribute(sticky, "unix:mode", 01777);
        Path ro = Files.createDirectory(modes.resolve("readonly-dir"));
        Files.writeString(ro.resolve("inside"), "in a dir without write permission\n");
        run("mkfifo", modes.resolve("fifo").toString());
        if (ROOT) {
            run("mknod", modes.resolve("null").toString(), "c", "1", "3");
            run("mknod", modes.resolve("loop9").toString(), "b", "7", "9");
            Files.setAttribute(modes.resolve("private"), "unix:uid", 1234);
            Files.setAttribute(modes.resolve("private"), "unix:gid", 4321);
        }

        Path intl = Files.createDirectory(root.resolve("intl"));
        Files.writeString(intl.resolve("héllo wörld ✓"), "unicode\n");
        Files.createDirectory(intl.resolve("日本語"));
        Files.writeString(intl.resolve("日本語/ファイル"), "jp\n");
        Files.writeString(intl.resolve("with space & 'quote' \\ back"), "q\n");

        // pin every mtime (children before their directory), and make one directory read-only last
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(all::add);
        }
        long t = 1_000_000_000L;
        for (int i = all.size() - 1; i >= 0; i--) {
            int type = (Integer) Files.getAttribute(all.get(i), "unix:mode", NOFOLLOW) & 0170000;
            if (type == 0010000 || type == 0020000 || type == 0060000) {
                run("touch", "-h", "-m", "-d", "@" + (t + i), all.get(i).toString());
                continue;
            }
            Files.getFileAttributeView(all.get(i), BasicFileAttributeView.class, NOFOLLOW)
                    .setTimes(FileTime.from(java.time.Instant.ofEpochSecond(t + i)), null, null);
        }
        Files.setAttribute(ro, "unix:mode", 0555);
        Files.getFileAttributeView(ro, BasicFileAttributeView.class, NOFOLLOW)
                .setTimes(FileTime.from(java.time.Instant.ofEpochSecond(t)), null, null);
    }

    /** Relative path → description of everything a round trip must keep. */
    public static Map<String, String> describe(Path root, boolean owners) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                out.put(rel(dir), entry(dir));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                out.put(rel(file), entry(file));
                return FileVisitResult.CONTINUE;
            }

            private String rel(Path p) {
                return "/" + root.relativize(p).toString();
            }

            private String entry(Path p) throws IOException {
                Map<String, Object> a = Files.readAttributes(p, "unix:mode,size,lastModifiedTime,rdev,uid,gid", NOFOLLOW);
                int mode = (Integer) a.get("mode");
                StringBuilder sb = new StringBuilder();
                sb.append(String.format("mode=%o", mode));
                sb.append(" mtime=").append(((FileTime) a.get("lastModifiedTime")).toMillis() / 1000);
                if (owners) {
                    sb.append(" owner=").append(a.get("uid")).append(':').append(a.get("gid"));
                }
                int type = mode & 0170000;
                if (type == 0100000) {
                    sb.append(" size=").append(a.get("size"));
                    sb.append(" sha=").append(java.util.HexFormat.of().formatHex(sha(p)));
                } else if (type == 0120000) {
                    sb.append(" -> ").append(Files.readSymbolicLink(p));
                } else if (type == 0020000 || type == 0060000) {
                    sb.append(" rdev=").append(a.get("rdev"));
                }
                return sb.toString();
            }
        });
        return out;
    }

    public static byte[] sha(Path p) throws IOException {
        try {
            var md = java.security.MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(p)) {
                byte[] buf = new byte[65536];
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                }
            }
            return md.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
