package dev.zos.node.workload.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountTableTest {
    @TempDir
    Path dir;

    @Test
    void readsMountPointsTypesAndSourcesWithEscapes() throws Exception {
        Path info = dir.resolve("mountinfo");
        Files.writeString(info, """
                22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
                40 22 7:0 / /var/zos/zmount/mnt/7-42-d rw,relatime - ext4 /dev/loop0 rw
                41 22 0:50 / /var/zos/zmachine/machines/with\\040space/rootfs rw - overlay overlay rw,lowerdir=/a
                42 40 7:1 / /var/zos/zmount/mnt/7-42-d rw - ext4 /dev/loop1 rw
                """);
        MountTable t = new MountTable(info);
        assertThat(t.entries()).hasSize(4);
        assertThat(t.at(Path.of("/var/zos/zmount/mnt/7-42-d"))).get()
                .isEqualTo(new MountTable.Entry(Path.of("/var/zos/zmount/mnt/7-42-d"), "ext4", "/dev/loop1"));
        assertThat(t.isMounted(Path.of("/var/zos/zmachine/machines/with space/rootfs"))).isTrue();
        assertThat(t.isMounted(Path.of("/var/zos"))).isFalse();
        assertThat(t.under(Path.of("/var/zos/zmount"))).hasSize(2);
    }
}
