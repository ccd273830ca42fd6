package dev.zos.node.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.core.gridtypes.Capacity;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeCapacityTest {
    static final long GIB = 1L << 30;

    @TempDir
    Path root;

    private void file(String path, String content) throws Exception {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private void disk(String name, long sectors, boolean rotational, boolean removable) throws Exception {
        file("sys/block/" + name + "/size", sectors + "\n");
        file("sys/block/" + name + "/queue/rotational", (rotational ? "1" : "0") + "\n");
        file("sys/block/" + name + "/removable", (removable ? "1" : "0") + "\n");
    }

    @Test
    void disksCountBySpinningAndVirtualDevicesDoNot() throws Exception {
        file("proc/cpuinfo", "processor\t: 0\nflags\t\t: fpu hypervisor\n\nprocessor\t: 1\n\nprocessor\t: 2\n");
        file("proc/meminfo", "MemTotal:       16384000 kB\nMemAvailable:    8000000 kB\n");
        disk("nvme0n1", 2_000_000, false, false);
        disk("sda", 8_000_000, true, false);
        disk("loop0", 100, false, false);
        disk("sdb", 64, false, true); // a USB stick: removable
        disk("zram0", 1000, false, false);
        var probe = new HostProbe(root.resolve("proc"), root.resolve("sys"));

        NodeCapacity c = NodeCapacity.measure(probe, StorageSource.DISKS, root);
        assertThat(c.total()).isEqualTo(new Capacity(3, 16_384_000L * 1024, 2_000_000L * 512, 8_000_000L * 512, 0));
        assertThat(probe.virtualized()).isTrue();
        assertThat(probe.serial()).isEqualTo("Not Specified");
        assertThat(probe.disks()).extracting(Disk::name).containsExactly("nvme0n1", "sda");
    }

    @Test
    void inProcessModeTheDataDirectorysFileSystemIsTheStorage() throws Exception {
        file("proc/meminfo", "MemTotal: 1024 kB\n");
        var probe = new HostProbe(root.resolve("proc"), root.resolve("sys"));
        long fs = Files.getFileStore(root).getTotalSpace();
        assertThat(NodeCapacity.measure(probe, StorageSource.DATA_DIR_SSD, root).total().sru()).isEqualTo(fs);
        assertThat(NodeCapacity.measure(probe, StorageSource.DATA_DIR_HDD, root).total()).extracting(Capacity::sru, Capacity::hru)
                .containsExactly(0L, fs);
    }

    @Test
    void theSystemKeepsTenPercentOrTwoGibOfMemoryAndAQuarterOnSmallNodes() {
        assertThat(NodeCapacity.reserve(new Capacity(8, 64 * GIB, 0, 0, 0)).mru()).isEqualTo(64 * GIB / 10);
        assertThat(NodeCapacity.reserve(new Capacity(8, 16 * GIB, 0, 0, 0)).mru()).isEqualTo(2 * GIB);
        assertThat(NodeCapacity.reserve(new Capacity(2, 8 * GIB, 0, 0, 0)).mru()).isEqualTo(2 * GIB);
        assertThat(NodeCapacity.reserve(new Capacity(1, 2 * GIB, 0, 0, 0)).mru()).isEqualTo(GIB / 2);
        assertThat(NodeCapacity.reserve(new Capacity(1, 2 * GIB, 5, 5, 0))).extracting(Capacity::cru, Capacity::sru, Capacity::hru)
                .containsExactly(0L, 0L, 0L);
    }
}
