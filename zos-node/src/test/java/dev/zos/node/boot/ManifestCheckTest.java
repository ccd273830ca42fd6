package dev.zos.node.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.core.hash.Blake2b256;
import dev.zos.core.identity.TwinKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image check on a real folder: signature, every hash on several threads, unlisted files, kernel file systems skipped. */
class ManifestCheckTest {
    @TempDir
    Path root;

    @BeforeEach
    void image() throws Exception {
        StringBuilder m = new StringBuilder("zos-manifest 1\n");
        for (int i = 0; i < 12; i++) {
            byte[] data = new byte[i * 70_001];
            Arrays.fill(data, (byte) i);
            Path f = root.resolve("usr/lib/f" + i);
            Files.createDirectories(f.getParent());
            Files.write(f, data);
            m.append("file ").append(HexFormat.of().formatHex(Blake2b256.create().hash(data))).append(' ').append(data.length)
                    .append(" /usr/lib/f").append(i).append('\n');
        }
        Files.createSymbolicLink(root.resolve("usr/lib/link"), Path.of("f1"));
        m.append("link f1 /usr/lib/link\n");
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) 3);
        TwinKey key = TwinKey.fromSeed(seed);
        byte[] text = m.toString().getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(root.resolve("etc/zos"));
        Files.write(root.resolve(ManifestCheck.MANIFEST), text);
        Files.writeString(root.resolve(ManifestCheck.SIGNATURE), HexFormat.of().formatHex(key.sign(text)) + "\n");
        Files.writeString(root.resolve(ManifestCheck.KEY), key.publicKeyHex() + "\n");
        // kernel file systems are neither listed nor walked
        Files.createDirectories(root.resolve("proc/1"));
        Files.writeString(root.resolve("proc/1/status"), "x");
    }

    @Test
    void anIntactImagePassesOnOneOrManyThreads() throws Exception {
        for (int threads : new int[] {1, 3}) {
            var r = ManifestCheck.check(root, threads);
            assertThat(r.problems()).isEmpty();
            assertThat(r.files()).isEqualTo(12);
        }
    }

    @Test
    void changedMissingAndUnlistedFilesAreNamedInManifestOrder() throws Exception {
        byte[] f7 = Files.readAllBytes(root.resolve("usr/lib/f7"));
        f7[f7.length / 2] ^= 1;
        Files.write(root.resolve("usr/lib/f7"), f7);
        Files.delete(root.resolve("usr/lib/f3"));
        Files.writeString(root.resolve("usr/lib/extra"), "x");
        var r = ManifestCheck.check(root, 2);
        assertThat(r.problems()).containsExactly("/usr/lib/f3: missing", "/usr/lib/f7: BLAKE2b-256 mismatch (content changed)",
                "/usr/lib/extra: not in the manifest");
    }

    @Test
    void aBadSignatureStopsBeforeAnyHash() throws Exception {
        Files.writeString(root.resolve(ManifestCheck.SIGNATURE), "00".repeat(64) + "\n");
        var r = ManifestCheck.check(root, 2);
        assertThat(r.files()).isZero();
        assertThat(r.problems()).singleElement().asString().contains("signature does not verify");
    }
}
