package dev.zos.node.workload.zmachine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.node.workload.host.MountTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which OCI runtime the drivers use: runc where there is one (hybrid cgroup hosts), crun otherwise (the node image);
 * and whether containers can pivot_root (not on the node image's initial ramdisk).
 */
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

    @Test
    void containersSkipPivotRootOnlyWhereTheRootIsTheInitialRamdisk() throws Exception {
        Path ramdisk = tmp.resolve("ramdisk.mountinfo");
        Files.writeString(ramdisk, "1 1 0:2 / / rw - rootfs rootfs rw,size=612340k,nr_inodes=153085\n"
                + "14 1 0:5 / /dev rw,nosuid - devtmpfs devtmpfs rw,size=612340k,mode=755\n");
        Path disk = tmp.resolve("disk.mountinfo");
        Files.writeString(disk, "29 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n");
        assertThat(Runc.rootIsRamdisk(new MountTable(ramdisk))).isTrue();
        assertThat(Runc.rootIsRamdisk(new MountTable(disk))).isFalse();
        assertThat(Runc.rootIsRamdisk(new MountTable(Path.of("/proc/self/mountinfo")))).as("this test host").isFalse();
    }

    private static Path program(Path dir, String name) throws Exception {
        Files.createDirectories(dir);
        Path p = dir.resolve(name);
        Files.writeString(p, "");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }
}
