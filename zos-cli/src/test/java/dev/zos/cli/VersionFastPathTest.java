package dev.zos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.cli.kit.CommandLines;
import dev.zos.testkit.CliHarness;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zos --version} is answered before the command tree is built; it must print what picocli prints. */
class VersionFastPathTest {
    @TempDir
    Path home;

    @Test
    void versionLinesAreThoseOfPicocli() {
        String picocli = new CliHarness(ZosMain.class, home).run("--version").out();
        for (String flag : new String[] {"--version", "-V"}) {
            var fast = CommandLines.versionOnly(ZosMain.class, new String[] {flag});
            assertThat(fast).isPresent();
            assertThat(String.join("\n", fast.get()) + "\n").isEqualTo(picocli.replace("\r\n", "\n"));
        }
        assertThat(fast("zos")).startsWith("zos ");
    }

    @Test
    void anythingElseGoesThroughPicocli() {
        assertThat(CommandLines.versionOnly(ZosMain.class, new String[] {"--version", "--verbose"})).isEmpty();
        assertThat(CommandLines.versionOnly(ZosMain.class, new String[] {"nodes", "--version"})).isEmpty();
        assertThat(CommandLines.versionOnly(ZosMain.class, new String[] {})).isEmpty();
        assertThat(CommandLines.versionOnly(Object.class, new String[] {"--version"})).isEmpty();
    }

    private static String fast(String unused) {
        return CommandLines.versionOnly(ZosMain.class, new String[] {"-V"}).orElseThrow()[0];
    }
}
