package dev.zos.node.workload.zmachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import dev.zos.node.provision.LogChunk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleLogTest {
    @TempDir
    Path dir;

    @Test
    void chunksFollowEachOtherAndNeverSplitACharacter() throws Exception {
        Path log = dir.resolve("console.log");
        String text = "héllo wörld €uro\nline two\n";
        Files.writeString(log, text, StandardCharsets.UTF_8);
        StringBuilder all = new StringBuilder();
        long offset = 0;
        int chunks = 0;
        while (true) {
            LogChunk c = ConsoleLog.read(log, offset, 3);
            assertThat(c.offset()).isEqualTo(offset);
            if (c.text().isEmpty()) {
                break;
            }
            assertThat(c.text()).doesNotContain("\uFFFD");
            all.append(c.text());
            offset = c.next();
            chunks++;
        }
        assertThat(all.toString()).isEqualTo(text);
        assertThat(offset).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        assertThat(chunks).isGreaterThan(5);
    }

    @Test
    void edges() throws Exception {
        assertThat(ConsoleLog.read(dir.resolve("none"), 0, 10)).isEqualTo(new LogChunk(0, "", 0));
        Path log = dir.resolve("l");
        Files.writeString(log, "abc");
        assertThat(ConsoleLog.read(log, 10, 10)).isEqualTo(new LogChunk(10, "", 10));
        assertThat(ConsoleLog.read(log, 1, 100)).isEqualTo(new LogChunk(1, "bc", 3));
        assertThatThrownBy(() -> ConsoleLog.read(log, -1, 1)).isInstanceOf(ZosException.class)
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> ConsoleLog.read(log, 0, 0)).hasMessageContaining("at least 1 byte");
        assertThat(ConsoleLog.lastLine(log)).isEqualTo("abc");
    }
}
