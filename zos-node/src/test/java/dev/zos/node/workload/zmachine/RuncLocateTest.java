package dev.zos.node.workload.zmachine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which OCI runtime the drivers use: runc where there is one (hybrid cgroup hosts), crun otherwise (the node image). */
class RuncLocateTest {
    @TempDir
    Path tmp;

    @Test
    void crunAloneIsUsed() throws Exception {
        Path bin = program(tmp.resolve("usr/bin"), "crun");
        assertThat(Runc.locate("/nonexistent:" + tmp.resolve("usr/sbin") + ":" + tmp.resolve("usr/bin"))).isEqualTo(bin.toString());
    }

    @Test
    void runcWinsOverCrunWhereverItIsOnThePath() throws Exception {
        program(tmp.resolve("a"), "crun");
        Path runc = program(tmp.resolve("b"), "runc");
        assertThat(Runc.locate(tmp.resolve("a") + ":" + tmp.resolve("b"))).isEqualTo(runc.toString());
    }

    @Test
    void aFileThatIsNotExecutableIsSkippedAndNothingFoundGivesTheBareName() throws Exception {
        Files.createDirectories(tmp.resolve("c"));
        Files.writeString(tmp.resolve("c/crun"), "");
        assertThat(Runc.locate(tmp.resolve("c").toString())).isEqualTo("runc");
    }

    private static Path program(Path dir, String name) throws Exception {
        Files.createDirectories(dir);
        Path p = dir.resolve(name);
        Files.writeString(p, "");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }
}
