package dev.zos.node.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import dev.zos.core.identity.Mnemonic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedFileTest {
    @TempDir
    Path dir;

    @Test
    void createdOnceInIdentitydsFormatAndReusedAfter() throws Exception {
        Path file = dir.resolve("identity/seed.txt");
        var first = SeedFile.loadOrCreate(file, new SecureRandom());
        assertThat(first.created()).isTrue();
        byte[] bytes = Files.readAllBytes(file);
        // versioned.WriteFile: json.Marshal of the version, then the raw 32-byte seed
        assertThat(new String(bytes, 0, 7, StandardCharsets.US_ASCII)).isEqualTo("\"1.0.0\"");
        assertThat(Arrays.copyOfRange(bytes, 7, bytes.length)).isEqualTo(first.key().seed());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        var second = SeedFile.loadOrCreate(file, new SecureRandom());
        assertThat(second.created()).isFalse();
        assertThat(second.key()).isEqualTo(first.key());
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    void readsTheOtherFormatsIdentitydReads() throws Exception {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        Path bare = dir.resolve("bare");
        Files.write(bare, seed);
        assertThat(SeedFile.load(bare).seed()).isEqualTo(seed);

        Mnemonic m = Mnemonic.fromEntropy(seed);
        Path v11 = dir.resolve("v11");
        Files.writeString(v11, "\"1.1.0\"{\"mnemonic\":\"" + m.phrase() + "\"}");
        assertThat(SeedFile.load(v11).seed()).isEqualTo(seed);
    }

    @Test
    void aBrokenSeedIsNamedNotReplaced() throws Exception {
        Path bad = dir.resolve("seed.txt");
        Files.writeString(bad, "\"2.0.0\"0123456789abcdef0123456789abcdef");
        assertThatThrownBy(() -> SeedFile.loadOrCreate(bad, new SecureRandom())).isInstanceOf(ZosException.class)
                .hasMessageContaining(bad.toString()).hasMessageContaining("unknown seed version '2.0.0'");
        Files.write(bad, Arrays.copyOf(SeedFile.encode(new byte[32]), 20));
        assertThatThrownBy(() -> SeedFile.load(bad)).hasMessageContaining("needs 32 bytes after the header, found 13");
        assertThat(Files.size(bad)).isEqualTo(20);
    }
}
