package dev.zos.core.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void failedWriteKeepsTheOldContentAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("alice.json");
        AtomicFile.replace(target, "old".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> AtomicFile.replace(target, out -> {
            out.write("half of the new con".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(names()).containsExactly("alice.json");
    }

    @Test
    void readersSeeTheOldOrTheNewContentNeverAPart() throws Exception {
        Path target = dir.resolve("big.json");
        byte[] a = filled('a');
        byte[] b = filled('b');
        AtomicFile.replace(target, a);
        var stop = new AtomicBoolean();
        var torn = new AtomicReference<String>();
        Thread reader = Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                try {
                    byte[] seen = Files.readAllBytes(target);
                    if (!Arrays.equals(seen, a) && !Arrays.equals(seen, b)) {
                        torn.set("read " + seen.length + " bytes of mixed content");
                    }
                } catch (IOException e) {
                    torn.set("file briefly missing: " + e);
                }
            }
        });
        for (int i = 0; i < 40; i++) {
            AtomicFile.replace(target, i % 2 == 0 ? b : a);
        }
        stop.set(true);
        reader.join();
        assertThat(torn.get()).isNull();
    }

    @Test
    void newFilesArePrivateEvenWithAPermissiveDirectory() throws IOException {
        Path target = dir.resolve("secret.json");
        AtomicFile.replace(target, "x".getBytes(StandardCharsets.UTF_8));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    }

    @Test
    void privateDirectoryTightensAnExistingDirectory() throws IOException {
        Path identities = Files.createDirectory(dir.resolve("identities"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        AtomicFile.privateDirectory(identities);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(identities))).isEqualTo("rwx------");
        Path nested = dir.resolve("a/b/identities");
        AtomicFile.privateDirectory(nested);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested))).isEqualTo("rwx------");
    }

    @Test
    void createNewRefusesToReplace() throws IOException {
        Path target = dir.resolve("alice.json");
        assertThat(AtomicFile.createNew(target, "first".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(AtomicFile.createNew(target, "second".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(Files.readString(target)).isEqualTo("first");
        assertThat(names()).containsExactly("alice.json");
    }

    private static byte[] filled(char c) {
        byte[] bytes = new byte[256 * 1024];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    private Stream<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList().stream();
        }
    }
}
