package dev.zos.flist.mount;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** A tree with everything a mount must get right. Needs root (devices, ownership). */
final class NastyTree {

    static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    static final int BLOCK = 524288;

    private NastyTree() {
    }

    static byte[] random(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertThat(p.waitFor()).as(String.join(" ", cmd)).isZero();
    }

    static void build(Path root) throws Exception {
        Files.createDirectories(root);
        Path deep = root;
        for (int i = 0; i < 48; i++) {
            deep = deep.resolve("level" + i);
        }
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("bottom.txt"), "deep down\n");

        Path many = Files.createDirectory(root.resolve("many"));
        for (int i = 0; i < 3000; i++) {
            Files.writeString(many.resolve(String.format("entry-%05d.txt", i)), "file number " + i + "\n");
        }

        Path sizes = Files.createDirectory(root.resolve("sizes"));
        for (int n : new int[] {0, 1, 4095, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK, 6 * BLOCK + 12345}) {
            Files.write(sizes.resolve("s" + n), random(n, n));
        }
        try (RandomAccessFile raf = new RandomAccessFile(sizes.resolve("sparse").toFile(), "rw")) {
            raf.setLength(7L * BLOCK + 100);
            raf.seek(3L * BLOCK - 10);
            raf.write(random(7, 1000));
        }
        try (RandomAccessFile raf = new RandomAccessFile(sizes.resolve("hole-at-end").toFile(), "rw")) {
            raf.write(random(8, 10));
            raf.setLength(3L * BLOCK);
        }

        Path links = Files.createDirectory(root.resolve("links"));
        Files.writeString(links.resolve("target.txt"), "hard and soft\n");
        Files.createLink(links.resolve("hard1"), links.resolve("target.txt"));
        Files.createLink(links.resolve("hard2"), links.resolve("target.txt"));
        Files.createSymbolicLink(links.resolve("absolute"), Path.of("/etc/hostname"));
        Files.createSymbolicLink(links.resolve("relative"), Path.of("../sizes/s1"));
        Files.createSymbolicLink(links.resolve("dangling"), Path.of("nowhere/at/all"));
        Files.createSymbolicLink(links.resolve("to-dir"), Path.of("../many"));
        Files.createSymbolicLink(links.resolve("long"), Path.of("x".repeat(1000)));

        Path modes = Files.createDirectory(root.resolve("modes"));
        Files.writeString(modes.resolve("setuid"), "#!/bin/sh\n");
        Files.setAttribute(modes.resolve("setuid"), "unix:mode", 04755);
        Files.writeString(modes.resolve("setgid"), "x");
        Files.setAttribute(modes.resolve("setgid"), "unix:mode", 02711);
        Files.writeString(modes.resolve("private"), "secret");
        Files.setAttribute(modes.resolve("private"), "unix:mode", 0600);
        Files.setAttribute(modes.resolve("private"), "unix:uid", 1234);
        Files.setAttribute(modes.resolve("private"), "unix:gid", 4321);
        Path sticky = Files.createDirectory(modes.resolve("sticky"));
        Files.setAttribute(sticky, "unix:mode", 01777);
        run("mkfifo", modes.resolve("fifo").toString());
        run("mknod", modes.resolve("null").toString(), "c", "1", "3");
        run("mknod", modes.resolve("loop9").toString(), "b", "7", "9");

        Path intl = Files.createDirectory(root.resolve("intl"));
        Files.writeString(intl.resolve("héllo wörld ✓"), "unicode\n");
        Files.createDirectory(intl.resolve("日本語"));
        Files.writeString(intl.resolve("日本語/ファイル"), "jp\n");
        Files.writeString(intl.resolve("with space & 'quote' \\ back"), "q\n");

        // pin every mtime, children before their directory
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(all::add);
        }
        long t = 1_200_000_000L;
        for (int i = all.size() - 1; i >= 0; i--) {
            Path p = all.get(i);
            int type = (Integer) Files.getAttribute(p, "unix:mode", NOFOLLOW) & 0170000;
            if (type == 0010000 || type == 0020000 || type == 0060000) {
                run("touch", "-h", "-m", "-d", "@" + (t + i), p.toString());
            } else {
                Files.getFileAttributeView(p, BasicFileAttributeView.class, NOFOLLOW)
                        .setTimes(FileTime.from(Instant.ofEpochSecond(t + i)), null, null);
            }
        }
    }
}
