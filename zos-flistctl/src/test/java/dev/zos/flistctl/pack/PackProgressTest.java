package dev.zos.flistctl.pack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.CommandLines;
import dev.zos.flistctl.FlistctlMain;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PackProgressTest {

    @TempDir
    Path tmp;

    @Test
    void atATerminalPackDrawsProgressOnStderrAndClearsIt() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        for (int i = 0; i < 20; i++) {
            Files.writeString(tree.resolve("f" + i), "file " + i + "\n");
        }
        CliContext terminal = new CliContext(Map.of("NO_COLOR", "1"), tmp, InputStream.nullInputStream(), true);
        CommandLine cl = CommandLines.create(FlistctlMain.class, terminal);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("pack", "-m", tmp.resolve("t.fl").toString(), "-s", "dir://" + tmp.resolve("store"),
                tree.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).startsWith("\rpacking: ").contains("packing: 20 files, 150 B, dedup 0 B, ").endsWith("\r")
                .doesNotContain("\n");
        assertThat(out.toString()).startsWith("packed ").contains("20 files").doesNotContain("\r");
    }
}
