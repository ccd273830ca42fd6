package dev.zos.imagegen.initramfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InitramfsTest {
    @TempDir
    Path tmp;

    static FsTree sample() {
        return new FsTree().file("/usr/bin/tool", 0755, new byte[] {1, 2, 3})
                .file("/etc/a", 0644, "hello\n".getBytes())
                .symlink("/lib64/ld.so", "/lib/ld.so")
                .charDevice("/dev/console", 0600, 5, 1)
                .dir("/tmp");
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void roundTripKeepsEveryEntry(Compression c) {
        byte[] image = Initramfs.write(sample(), c, 0);
        assertThat(Compression.detect(image)).isEqualTo(c);
        FsTree back = Initramfs.read(image, "test");
        assertThat(back.nodes().keySet()).containsExactlyElementsOf(sample().nodes().keySet());
        assertThat(((FsTree.File) back.get("/usr/bin/tool")).bytes()).containsExactly(1, 2, 3);
        assertThat(back.get("/usr/bin/tool").mode()).isEqualTo(0755);
        assertThat(back.get("/lib64/ld.so")).isEqualTo(new FsTree.Symlink("/lib/ld.so"));
        assertThat(back.get("/dev/console")).isEqualTo(new FsTree.CharDevice(0600, 5, 1));
    }

    @Test
    void sameTreeGivesSameBytes() {
        assertThat(Initramfs.write(sample(), Compression.ZSTD, 0)).isEqualTo(Initramfs.write(sample(), Compression.ZSTD, 0));
    }

    @Test
    void hostCpioListsTheArchive() throws Exception {
        Path cpio = Path.of("/usr/bin/cpio");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(cpio), "cpio is not installed");
        Path raw = tmp.resolve("a.cpio");
        try (var out = Files.newOutputStream(raw);
             var in = Compression.ZSTD.decompress(new java.io.ByteArrayInputStream(Initramfs.write(sample(), Compression.ZSTD, 0)))) {
            in.transferTo(out);
        }
        Process p = new ProcessBuilder(cpio.toString(), "-t", "--quiet").redirectInput(raw.toFile()).start();
        String listing = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).isZero();
        assertThat(listing.lines()).containsExactly("dev", "dev/console", "etc", "etc/a", "lib64", "lib64/ld.so", "tmp", "usr", "usr/bin", "usr/bin/tool");
    }
}
