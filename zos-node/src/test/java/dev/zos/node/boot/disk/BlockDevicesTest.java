package dev.zos.node.boot.disk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockDevicesTest {

    @Test
    void nodeDisksSkipLoopRamOpticalAndVirtualDevices() {
        assertThat(List.of("vda", "sda", "nvme0n1", "xvdb", "loop0", "ram3", "sr0", "zram0", "nbd1", "dm-0", "md127", "fd0"))
                .filteredOn(BlockDevices.NODE_DISKS).containsExactly("vda", "sda", "nvme0n1", "xvdb");
    }

    @Test
    void zerosAreBlankAnythingElseIsNot() {
        byte[] head = new byte[BlockDevices.PROBE_BYTES];
        assertThat(BlockDevices.classify(head)).isEqualTo(BlockDevice.Content.BLANK);
        head[100_000] = 1; // e.g. a btrfs or a partition's data: not ours
        assertThat(BlockDevices.classify(head)).isEqualTo(BlockDevice.Content.OTHER);
        byte[] mbr = new byte[BlockDevices.PROBE_BYTES];
        mbr[510] = 0x55;
        mbr[511] = (byte) 0xAA;
        assertThat(BlockDevices.classify(mbr)).isEqualTo(BlockDevice.Content.OTHER);
    }

    @Test
    void bootMediaAreNeverBlank() {
        // a plain ISO 9660 (no hybrid MBR): 32 KiB of zeros, then the volume descriptor
        byte[] iso = new byte[BlockDevices.PROBE_BYTES];
        iso[32 * 1024] = 1;
        System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, iso, 32 * 1024 + 1, 5);
        assertThat(BlockDevices.classify(iso)).isEqualTo(BlockDevice.Content.OTHER);
        // a FAT boot sector (the EFI system partition of a USB stick, QEMU's fat: drive)
        byte[] fat = new byte[BlockDevices.PROBE_BYTES];
        fat[0] = (byte) 0xEB;
        fat[1] = 0x3C;
        fat[2] = (byte) 0x90;
        assertThat(BlockDevices.classify(fat)).isEqualTo(BlockDevice.Content.OTHER);
    }

    @Test
    void aDiskWithPartitionsOrHoldersIsInUseEvenWhenItsHeadIsZero(@TempDir Path tmp) throws Exception {
        Path sys = tmp.resolve("sys/block");
        Path dev = tmp.resolve("dev");
        Files.createDirectories(dev);
        for (String name : List.of("sda", "sdb", "vda")) {
            Path d = Files.createDirectories(sys.resolve(name));
            Files.writeString(d.resolve("size"), Long.toString((2L << 30) / 512) + "\n");
            Files.writeString(d.resolve("removable"), "0\n");
            Files.writeString(d.resolve("ro"), "0\n");
            Files.createDirectories(d.resolve("holders"));
            try (var f = java.nio.channels.FileChannel.open(dev.resolve(name), java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE)) {
                f.write(java.nio.ByteBuffer.allocate(BlockDevices.PROBE_BYTES)); // zeros: blank by its first bytes
            }
        }
        // sda: a partitioned stick whose first sectors were zeroed; sdb: held by device mapper; vda: really blank
        Files.createDirectories(sys.resolve("sda/sda1"));
        Files.writeString(sys.resolve("sda/sda1/partition"), "1\n");
        Files.createDirectories(sys.resolve("sdb/holders/dm-0"));
        List<BlockDevice> disks = BlockDevices.scan(sys, dev, BlockDevices.NODE_DISKS);
        assertThat(disks).extracting(BlockDevice::name, BlockDevice::content).containsExactly(
                org.assertj.core.groups.Tuple.tuple("sda", BlockDevice.Content.OTHER),
                org.assertj.core.groups.Tuple.tuple("sdb", BlockDevice.Content.OTHER),
                org.assertj.core.groups.Tuple.tuple("vda", BlockDevice.Content.BLANK));
        assertThat(CacheDisk.choose(disks, 1L << 30)).map(BlockDevice::name).contains("vda");
        assertThat(CacheDisk.choose(disks.subList(0, 2), 1L << 30)).isEmpty();
    }

    @Test
    void extSuperblockMagicAndLabel() {
        byte[] head = new byte[BlockDevices.PROBE_BYTES];
        head[1024 + 0x38] = 0x53;
        head[1024 + 0x39] = (byte) 0xEF;
        byte[] label = "ZOS-CACHE".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(label, 0, head, 1024 + 0x78, label.length);
        assertThat(BlockDevices.classify(head)).isEqualTo(BlockDevice.Content.EXT);
        assertThat(BlockDevices.extLabel(head)).isEqualTo("ZOS-CACHE");
    }

    @Test
    void chooseLabelledFirstThenLargestBlankNeverRemovableReadOnlyOrUsed() {
        BlockDevice small = disk("vda", 2, BlockDevice.Content.BLANK, null, false, false);
        BlockDevice big = disk("vdb", 8, BlockDevice.Content.BLANK, null, false, false);
        BlockDevice huge = disk("vdc", 64, BlockDevice.Content.OTHER, null, false, false);
        BlockDevice stick = disk("sdb", 32, BlockDevice.Content.BLANK, null, true, false);
        BlockDevice ro = disk("vdd", 16, BlockDevice.Content.BLANK, null, false, true);
        BlockDevice foreign = disk("vde", 50, BlockDevice.Content.EXT, "DATA", false, false);
        BlockDevice ours = disk("vdf", 1, BlockDevice.Content.EXT, CacheDisk.LABEL, false, false);
        long g = 1L << 30;
        assertThat(CacheDisk.choose(List.of(small, big, huge, stick, ro, foreign), g)).contains(big);
        assertThat(CacheDisk.choose(List.of(small, big, huge, ours), g)).contains(ours);
        assertThat(CacheDisk.choose(List.of(small, big), 4 * g)).contains(big);
        assertThat(CacheDisk.choose(List.of(small, huge, stick, ro, foreign), 4 * g)).isEmpty();
    }

    static BlockDevice disk(String name, long gib, BlockDevice.Content content, String label, boolean removable, boolean ro) {
        return new BlockDevice(name, Path.of("/dev", name), gib << 30, removable, ro, content, label);
    }
}
