package dev.zos.node.boot.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.node.boot.linux.Linux;
import dev.zos.node.workload.HostTools;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cache disk selection, first-boot formatting and the second boot, on real loop devices. Needs root and e2fsprogs. */
class CacheDiskLoopTest {
    static final long MIB = 1L << 20;
    static final Path MKFS = Path.of("/usr/sbin/mkfs.ext4");

    @TempDir
    Path tmp;
    final List<String> loops = new ArrayList<>();
    final List<Path> mounts = new ArrayList<>();

    @BeforeEach
    void requireTools() {
        HostTools.requireRoot();
        HostTools.requireTool("losetup", "mount");
        HostTools.requireTool("mkfs.ext4", "e2fsprogs");
    }

    @AfterEach
    void detach() throws Exception {
        for (Path m : mounts) {
            Linux.libc().umount2(m.toString(), Linux.MNT_DETACH);
        }
        for (String l : loops) {
            run(List.of("losetup", "-d", "/dev/" + l));
        }
    }

    @Test
    void firstBootFormatsTheLargestBlankDiskAndTheSecondBootKeepsIt() throws Exception {
        String small = loop(64);
        String big = loop(96);
        String used = loop(200);
        try (RandomAccessFile f = new RandomAccessFile("/dev/" + used, "rw")) {
            f.seek(4096);
            f.write("someone's data".getBytes(StandardCharsets.US_ASCII));
        }
        List<BlockDevice> disks = scan();
        assertThat(disks).extracting(BlockDevice::name).containsExactlyInAnyOrder(small, big, used);
        assertThat(disks).filteredOn(d -> d.name().equals(used)).extracting(BlockDevice::content).containsExactly(BlockDevice.Content.OTHER);
        BlockDevice pick = CacheDisk.choose(disks, 32 * MIB).orElseThrow();
        assertThat(pick.name()).isEqualTo(big);

        Path mp = tmp.resolve("cache1");
        CacheDisk.Mounted first = mount(pick, mp);
        assertThat(first.formatted()).isTrue();
        assertThat(first.describe()).startsWith("cache disk: /dev/" + big + " 96 MiB ext4 ZOS-CACHE at " + mp).endsWith("(formatted on this first boot)");
        assertThat(Files.readString(Path.of("/proc/self/mounts"))).contains("/dev/" + big + " " + mp + " ext4");
        Files.writeString(mp.resolve("seed"), "node identity");
        unmount(mp);

        // second boot, with a new larger blank disk added meanwhile: the labelled one is kept, nothing is formatted
        String added = loop(160);
        List<BlockDevice> again = scan();
        BlockDevice kept = CacheDisk.choose(again, 32 * MIB).orElseThrow();
        assertThat(kept.name()).isEqualTo(big);
        assertThat(kept.label()).isEqualTo(CacheDisk.LABEL);
        Path mp2 = tmp.resolve("cache2");
        CacheDisk.Mounted second = mount(kept, mp2);
        assertThat(second.formatted()).isFalse();
        assertThat(second.describe()).endsWith("(kept)");
        assertThat(Files.readString(mp2.resolve("seed"))).isEqualTo("node identity");
        assertThat(again).filteredOn(d -> d.name().equals(added) || d.name().equals(small)).extracting(BlockDevice::content)
                .containsOnly(BlockDevice.Content.BLANK);
        try (RandomAccessFile f = new RandomAccessFile("/dev/" + used, "r")) {
            byte[] b = new byte[14];
            f.seek(4096);
            f.readFully(b);
            assertThat(new String(b, StandardCharsets.US_ASCII)).isEqualTo("someone's data");
        }
    }

    @Test
    void aDiskWithAnotherFileSystemIsNeverChosenNorFormatted() throws Exception {
        String foreign = loop(128);
        run(List.of(MKFS.toString(), "-q", "-F", "-L", "DATA", "/dev/" + foreign));
        List<BlockDevice> disks = scan();
        assertThat(disks).singleElement().satisfies(d -> {
            assertThat(d.content()).isEqualTo(BlockDevice.Content.EXT);
            assertThat(d.label()).isEqualTo("DATA");
        });
        assertThat(CacheDisk.choose(disks, 32 * MIB)).isEmpty();
        assertThatThrownBy(() -> CacheDisk.prepare(disks.get(0), tmp.resolve("x"), MKFS)).hasMessageContaining("is not blank: refusing to format it");
        assertThat(scan().get(0).label()).isEqualTo("DATA");
    }

    @Test
    void aFailingMkfsIsReportedWithItsOutputAndNothingIsMounted() throws Exception {
        String blank = loop(64);
        BlockDevice d = scan().get(0);
        assertThatThrownBy(() -> CacheDisk.prepare(d, tmp.resolve("y"), Path.of("/bin/false")))
                .hasMessageContaining("/bin/false /dev/" + blank + " failed (exit 1)");
        assertThat(Files.readString(Path.of("/proc/self/mounts"))).doesNotContain("/dev/" + blank + " ");
    }

    private CacheDisk.Mounted mount(BlockDevice d, Path mp) throws Exception {
        CacheDisk.Mounted m = CacheDisk.prepare(d, mp, MKFS);
        mounts.add(mp);
        return m;
    }

    private void unmount(Path mp) {
        Linux.check(Linux.libc().umount2(mp.toString(), 0), "umount " + mp);
        mounts.remove(mp);
    }

    private List<BlockDevice> scan() {
        Predicate<String> ours = Set.copyOf(loops)::contains;
        return BlockDevices.scan(Path.of("/sys/block"), Path.of("/dev"), ours);
    }

    private String loop(int mib) throws Exception {
        Path file = tmp.resolve("disk" + loops.size() + ".img");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(mib * MIB);
        }
        String dev = run(List.of("losetup", "-f", "--show", file.toString())).strip();
        String name = Path.of(dev).getFileName().toString();
        loops.add(name);
        return name;
    }

    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
    }
}
