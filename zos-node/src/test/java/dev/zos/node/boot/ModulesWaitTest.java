package dev.zos.node.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PID 1 waits for /init's module loader before the network and the disks. */
class ModulesWaitTest {
    @TempDir
    Path tmp;

    @Test
    void waitsForTheLoaderAndShowsItsLine() throws Exception {
        Path marker = tmp.resolve("zos-modules-loaded");
        Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(300);
                Files.writeString(marker, "23 modules loaded at 14.20 s\n");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        var text = new StringWriter();
        long start = System.nanoTime();
        BootCommand.awaitModules(new PrintWriter(text), marker, Duration.ofSeconds(30));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        assertThat(text.toString()).isEqualTo("zos-init: 23 modules loaded at 14.20 s" + System.lineSeparator());
    }

    @Test
    void goesOnWithAWarningWhenTheLoaderNeverFinishes() throws Exception {
        var text = new StringWriter();
        BootCommand.awaitModules(new PrintWriter(text), tmp.resolve("never"), Duration.ofMillis(200));
        assertThat(text.toString()).startsWith("zos-node: kernel modules still loading after 0 s; going on");
    }
}
