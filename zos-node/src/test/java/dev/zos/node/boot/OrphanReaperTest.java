package dev.zos.node.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.node.boot.linux.Linux;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reaper in a test JVM made a child subreaper (prctl), so orphans come to it as they come to PID 1 on a node.
 */
class OrphanReaperTest {
    static final long SELF = ProcessHandle.current().pid();

    @BeforeAll
    static void becomeSubreaper() {
        Linux.check(Linux.libc().prctl(Linux.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), "prctl(PR_SET_CHILD_SUBREAPER)");
    }

    @Test
    void anOrphanedZombieIsReapedAndTheJvmsOwnChildrenKeepTheirExitCodes() throws Exception {
        OrphanReaper reaper = new OrphanReaper(Path.of("/proc"), SELF);
        Thread t = reaper.start(java.time.Duration.ofMillis(50));
        try {
            // sh starts a short sleep in the background and exits: the sleep is orphaned and re-parented to us
            Process sh = new ProcessBuilder("sh", "-c", "sleep 0.2 & echo $!").start();
            int orphan = Integer.parseInt(new String(sh.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip());
            assertThat(sh.waitFor()).isZero();
            // meanwhile the JVM's own children, waited for by the JDK, must keep their exit codes
            for (int i = 0; i < 20; i++) {
                Process own = new ProcessBuilder("sh", "-c", "sleep 0.05; exit 3").start();
                assertThat(own.waitFor(5, TimeUnit.SECONDS)).isTrue();
                assertThat(own.exitValue()).isEqualTo(3);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (Files.exists(Path.of("/proc/" + orphan)) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(Path.of("/proc/" + orphan)).as("zombie " + orphan + " reaped").doesNotExist();
            assertThat(reaper.reaped()).isGreaterThanOrEqualTo(1);
        } finally {
            t.interrupt();
        }
    }

    @Test
    void theFatalPathOutsidePid1PrintsOneLineAndReturnsFailure() {
        StringWriter s = new StringWriter();
        int code = Fatal.reboot(new PrintWriter(s), "fatal: network: no DHCP lease on eth0", 0, false);
        assertThat(code).isEqualTo(1);
        assertThat(s.toString()).isEqualTo("zos-node: fatal: network: no DHCP lease on eth0; rebooting in 0 s" + System.lineSeparator());
    }
}
