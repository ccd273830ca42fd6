package dev.zos.imagegen.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.core.identity.TwinKey;
import dev.zos.imagegen.initramfs.Compression;
import dev.zos.imagegen.initramfs.FsTree;
import dev.zos.imagegen.initramfs.Initramfs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSignerTest {
    @TempDir
    Path tmp;

    private static FsTree tree() {
        return new FsTree().file("/init", 0755, new byte[] {9, 9}).file("/etc/os-release", 0644, "NAME=Zero-OS\n".getBytes())
                .symlink("/lib64/x", "/lib/x");
    }

    @Test
    void signedTreeVerifiesAfterARoundTrip() {
        TwinKey key = ReleaseKey.create(tmp.resolve("k"), false);
        FsTree t = tree();
        ImageSigner.sign(t, key);
        FsTree back = Initramfs.read(Initramfs.write(t, Compression.ZSTD, 0), "x");
        var report = ImageSigner.verify(back, ReleaseKey.loadPublic(ReleaseKey.publicFileOf(tmp.resolve("k"))));
        assertThat(report.problems()).isEmpty();
        assertThat(report.files()).isEqualTo(3);
    }

    @Test
    void aTamperedByteIsFoundAndNamed() {
        TwinKey key = ReleaseKey.create(tmp.resolve("k"), false);
        FsTree t = tree();
        ImageSigner.sign(t, key);
        t.file("/etc/os-release", 0644, "NAME=Zero-OZ\n".getBytes());
        var report = ImageSigner.verify(t, key.publicKey());
        assertThat(report.problems()).containsExactly("/etc/os-release: BLAKE2b-256 mismatch (content changed)");
    }

    @Test
    void anAddedFileOrAnotherKeyFails() {
        TwinKey key = ReleaseKey.create(tmp.resolve("k"), false);
        TwinKey other = ReleaseKey.create(tmp.resolve("other"), false);
        FsTree t = tree();
        ImageSigner.sign(t, key);
        t.file("/bin/sh", 0755, new byte[] {1});
        assertThat(ImageSigner.verify(t, key.publicKey()).problems()).containsExactly("/bin/sh: not in the manifest");
        assertThat(ImageSigner.verify(t, other.publicKey()).problems()).anyMatch(p -> p.contains("signature does not verify"));
    }

    @Test
    void keyFilesAreSecretAndParse() throws Exception {
        Path k = tmp.resolve("release.key");
        TwinKey key = ReleaseKey.create(k, false);
        assertThat(Files.getPosixFilePermissions(k)).hasSize(2);
        assertThat(ReleaseKey.loadSecret(k)).isEqualTo(key);
        assertThat(ReleaseKey.loadPublic(ReleaseKey.publicFileOf(k))).isEqualTo(key.publicKey());
    }

    @Test
    void manifestTextRoundTrips() {
        Manifest m = Manifest.of(tree());
        assertThat(Manifest.parse(m.toBytes())).isEqualTo(m);
        assertThat(new String(m.toBytes())).startsWith("zos-manifest 1\nfile ");
    }
}
