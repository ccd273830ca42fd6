package dev.zos.node.workload.zmachine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The mount process starts with this JVM's start-up tuning, and only that. */
class FuseLowerLauncherTest {

    @Test
    void thePid1TuningIsKeptAndTheRestLeft() {
        // how the node image's /init starts the agent
        List<String> pid1 = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-XX:SharedArchiveFile=/usr/lib/jvm/lib/server/classes.jsa", "-Xlog:cds=off,cds+dynamic=off", "-Duser.home=/root",
                "-cp", "/usr/lib/zos/zos-node.jar", "dev.zos.node.NodeMain", "boot", "-XX:NotAnOption");
        assertThat(FuseLower.startupOptions(pid1)).containsExactly("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-XX:SharedArchiveFile=/usr/lib/jvm/lib/server/classes.jsa", "-Xlog:cds=off,cds+dynamic=off");
    }

    @Test
    void nothingBeforeTheMainClassGivesNothing() {
        assertThat(FuseLower.startupOptions(List.of("dev.zos.node.NodeMain", "-XX:+UseSerialGC"))).isEmpty();
        assertThat(FuseLower.startupOptions(List.of("-jar", "zos-node.jar", "-XX:+UseSerialGC"))).isEmpty();
        assertThat(FuseLower.startupOptions(List.of())).isEmpty();
    }

    @Test
    void theLauncherRunsThisJavaWithZosNodesMainClass() {
        List<String> cmd = FuseLower.selfLauncher();
        assertThat(cmd.getFirst()).endsWith("/bin/java");
        assertThat(cmd).endsWith("-cp", System.getProperty("java.class.path"), "dev.zos.node.NodeMain");
    }
}
