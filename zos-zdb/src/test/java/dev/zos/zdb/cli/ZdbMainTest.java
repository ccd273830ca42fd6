package dev.zos.zdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.testkit.CliHarness;
import dev.zos.testkit.CliHarness.CliResult;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZdbMainTest {

    @TempDir
    Path tmp;

    @Test
    void badInputIsOneClearLine() throws Exception {
        CliHarness cli = new CliHarness(ZdbMain.class, tmp);
        CliResult help = cli.run("serve", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--data-dir", "--listen", "--admin-password-file");
        CliResult missing = cli.run("serve");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--data-dir=DIR'");
        CliResult listen = cli.run("serve", "--data-dir", tmp.resolve("d").toString(), "--listen", "nope");
        assertThat(listen.exitCode()).isEqualTo(1);
        assertThat(listen.err().strip()).isEqualTo("zos-zdb: bad --listen 'nope': use HOST:PORT, e.g. 127.0.0.1:9900");
        Path empty = Files.writeString(tmp.resolve("pw"), "\n");
        CliResult pw = cli.run("serve", "--data-dir", tmp.resolve("d").toString(), "--admin-password-file", empty.toString());
        assertThat(pw.exitCode()).isEqualTo(1);
        assertThat(pw.err()).contains("is empty");
        assertThat(tmp.resolve("d")).as("bad input changes nothing").doesNotExist();
    }

    @Test
    void serveRunsUntilTerminated() throws Exception {
        Path pw = Files.writeString(tmp.resolve("admin.pw"), "adm1n\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), ZdbMain.class.getName(),
                "serve", "--listen", "127.0.0.1:0", "--data-dir", tmp.resolve("data").toString(),
                "--admin-password-file", pw.toString())).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).startsWith("zos-zdb listening on 127.0.0.1:");
            Matcher m = Pattern.compile(":(\\d+),").matcher(line);
            assertThat(m.find()).isTrue();
            try (Socket s = new Socket("127.0.0.1", Integer.parseInt(m.group(1)))) {
                OutputStream o = s.getOutputStream();
                o.write("NSNEW x\r\nAUTH adm1n\r\nNSNEW x\r\n".getBytes(StandardCharsets.US_ASCII));
                o.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                assertThat(in.readLine()).isEqualTo("-Permission denied");
                assertThat(in.readLine()).isEqualTo("+OK");
                assertThat(in.readLine()).isEqualTo("+OK");
            }
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(tmp.resolve("data/x/data")).exists();
        } finally {
            p.destroyForcibly();
        }
    }
}
