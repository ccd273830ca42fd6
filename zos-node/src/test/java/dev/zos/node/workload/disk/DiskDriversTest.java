package dev.zos.node.workload.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.ByteSize;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.Workload;
import dev.zos.core.gridtypes.workload.ComputeCapacity;
import dev.zos.core.gridtypes.workload.MachineMount;
import dev.zos.core.gridtypes.workload.Volume;
import dev.zos.core.gridtypes.workload.ZMachine;
import dev.zos.core.gridtypes.workload.ZMount;
import dev.zos.node.provision.NodeEnvironment;
import dev.zos.node.provision.WorkloadContext;
import dev.zos.node.workload.Deployments;
import dev.zos.node.workload.HostTools;
import dev.zos.node.workload.host.MountTable;
import dev.zos.node.workload.host.Mounter;
import dev.zos.node.workload.host.SystemProcessRunner;
import dev.zos.node.workload.volume.VolumeDriver;
import dev.zos.node.workload.zmount.ZMountDriver;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** zmount and volume on the real host: sparse ext4 files, loop mounts, quotas. Needs root and e2fsprogs. */
class DiskDriversTest {
    private static final long SIZE = 64 * ByteSize.MIB;

    @TempDir
    Path data;
    private final SystemProcessRunner runner = new SystemProcessRunner();
    private final MountTable table = new MountTable();
    private final VolumeMounts mounts = new VolumeMounts(new Mounter(runner, table));
    private final DiskImage images = new DiskImage(runner);
    private NodeEnvironment node;

    @BeforeEach
    void host() {
        HostTools.requireRoot();
        HostTools.requireTool("mkfs.ext4", "e2fsprogs");
        node = Deployments.node(data);
    }

    @AfterEach
    void noMountsLeft() throws Exception {
        if (node != null) {
            for (Path p : table.under(data)) {
                runner.run(List.of("umount", "-l", p.toString()), Duration.ofSeconds(10));
            }
        }
    }

    private static Deployment deployment(long size) {
        ZMachine vm = new ZMachine("http://hub/x.fl", null, 0, new ComputeCapacity(1, 256 * ByteSize.MIB),
                List.of(new MachineMount("data", "/data")), "/bin/true", Map.of(), false, List.of());
        return Deployments.deployment(Workload.of("data", new ZMount(size)), Workload.of("vol", new Volume(size)),
                Workload.of("vm", vm));
    }

    @Test
    void provisionCreatesASparseExt4FileOfTheSizeAndAdoptsItAgain() throws Exception {
        var driver = new ZMountDriver(images, mounts);
        WorkloadContext ctx = Deployments.context(node, deployment(SIZE), "data");

        var result = driver.provision(ctx);

        Path image = data.resolve("zmount").resolve("7-42-data.img");
        assertThat(result.path("id").asText()).isEqualTo("7-42-data");
        assertThat(Files.size(image)).isEqualTo(SIZE);
        assertThat(ext4Magic(image)).isEqualTo(0xEF53);
        assertThat(allocatedBytes(image)).as("sparse: only metadata is allocated").isLessThan(SIZE / 2);

        Files.setLastModifiedTime(image, java.nio.file.attribute.FileTime.fromMillis(1_000_000L));
        driver.provision(ctx);
        assertThat(Files.getLastModifiedTime(image).toMillis()).as("adopted, not formatted again").isEqualTo(1_000_000L);

        driver.deprovision(ctx);
        assertThat(image).doesNotExist();
        driver.deprovision(ctx); // nothing left: still fine
    }

    @Test
    void aMountedDiskHoldsFilesUpToItsSizeAndNoMore() throws Exception {
        var driver = new VolumeDriver(images, mounts);
        Deployment d = deployment(SIZE);
        driver.provision(Deployments.context(node, d, "vol"));
        WorkloadContext vm = Deployments.context(node, d.withWorkloads(List.of(d.workloads().get(1),
                Workload.of("vm", ((ZMachine) d.workloads().get(2).data())))), "vm");

        Path dir = mounts.mount(vm, "vol");
        assertThat(table.at(dir)).get().extracting(MountTable.Entry::fsType).isEqualTo("ext4");
        assertThat(mounts.mount(vm, "vol")).as("adopted").isEqualTo(dir);
        Files.writeString(dir.resolve("kept.txt"), "hello");

        assertThatThrownBy(() -> {
            try (OutputStream out = Files.newOutputStream(dir.resolve("big"))) {
                byte[] mib = new byte[(int) ByteSize.MIB];
                for (int i = 0; i < 2 * SIZE / ByteSize.MIB; i++) {
                    out.write(mib);
                }
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("No space left");

        String loop = table.at(dir).orElseThrow().source();
        mounts.unmount(vm, "vol");
        assertThat(table.isMounted(dir)).isFalse();
        assertThat(runner.run(List.of("losetup", "-a"), Duration.ofSeconds(10)).stdout())
                .as("the loop device is released").doesNotContain(data.toString());
        assertThat(loop).startsWith("/dev/loop");

        Path again = mounts.mount(vm, "vol");
        assertThat(Files.readString(again.resolve("kept.txt"))).isEqualTo("hello");
        driver.deprovision(Deployments.context(node, d, "vol"));
        assertThat(table.isMounted(again)).isFalse();
        assertThat(data.resolve("volume").resolve("7-42-vol.img")).doesNotExist();
    }

    @Test
    void aSecondMachineCannotMountADiskInUse() {
        new ZMountDriver(images, mounts).provision(Deployments.context(node, deployment(SIZE), "data"));
        ZMachine vm = (ZMachine) deployment(SIZE).workloads().get(2).data();
        Deployment d = deployment(SIZE).withWorkloads(List.of(deployment(SIZE).workloads().get(0),
                Workload.of("vm", vm), Workload.of("other", vm)));
        mounts.mount(Deployments.context(node, d, "vm"), "data");

        assertThatThrownBy(() -> mounts.mount(Deployments.context(node, d, "other"), "data"))
                .isInstanceOf(ZosException.class).hasMessageContaining("already mounted in zmachine 7-42-vm");
        mounts.unmount(Deployments.context(node, d, "other"), "data");
        assertThat(mounts.isMounted(node, "zmount", "7-42-data")).as("only the holder unmounts").isTrue();
        mounts.unmount(Deployments.context(node, d, "vm"), "data");
        assertThat(mounts.isMounted(node, "zmount", "7-42-data")).isFalse();
    }

    @Test
    void growingKeepsTheDataAndShrinkingIsRefused() throws Exception {
        var driver = new ZMountDriver(images, mounts);
        driver.provision(Deployments.context(node, deployment(SIZE), "data"));
        WorkloadContext bigger = Deployments.context(node, deployment(2 * SIZE), "data");
        assertThat(driver.updatableInPlace(Deployments.context(node, deployment(SIZE), "data"), bigger)).isTrue();
        driver.provision(bigger);
        assertThat(Files.size(data.resolve("zmount").resolve("7-42-data.img"))).isEqualTo(2 * SIZE);
        assertThatThrownBy(() -> driver.provision(Deployments.context(node, deployment(SIZE), "data")))
                .isInstanceOf(ZosException.class).hasMessageContaining("cannot shrink");
    }

    private static int ext4Magic(Path image) throws IOException {
        try (FileChannel ch = FileChannel.open(image)) {
            ByteBuffer b = ByteBuffer.allocate(2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            ch.read(b, 1024 + 0x38);
            return b.getShort(0) & 0xFFFF;
        }
    }

    private long allocatedBytes(Path image) {
        String blocks = runner.check("stat", List.of("stat", "-c", "%b %B", image.toString()), Duration.ofSeconds(10))
                .stdout().strip();
        String[] f = blocks.split(" ");
        return Long.parseLong(f[0]) * Long.parseLong(f[1]);
    }
}
