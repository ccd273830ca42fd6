package dev.zos.farmer.usb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.farmer.FarmerMain;
import dev.zos.testkit.CliHarness;
import dev.zos.testkit.ExternalService;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'zos-farmer usb write' against real loop devices standing in for USB sticks. */
class UsbWriteCommandTest {
    @TempDir
    Path dir;

    final List<String> loops = new ArrayList<>();
    final List<Path> mounts = new ArrayList<>();
    Path image;

    @BeforeEach
    void needRootAndLoopDevices() throws Exception {
        ExternalService.require("root".equals(System.getProperty("user.name")) && Files.exists(Path.of("/dev/loop-control")),
                "these tests need root and loop devices (losetup)");
        image = dir.resolve("zos.img");
        byte[] bytes = new byte[5 * 1024 * 1024 + 123];
        new Random(3).nextBytes(bytes);
        Files.write(image, bytes);
    }

    @AfterEach
    void detach() throws Exception {
        for (Path m : mounts) {
            sh("umount", m.toString());
        }
        for (String loop : loops) {
            sh("losetup", "-d", loop);
        }
    }

    String loop(long sizeMiB) throws Exception {
        Path backing = dir.resolve("stick" + loops.size());
        try (RandomAccessFile f = new RandomAccessFile(backing.toFile(), "rw")) {
            f.setLength(sizeMiB << 20);
        }
        String device = sh("losetup", "-f", "--show", backing.toString()).strip();
        loops.add(device);
        return device;
    }

    CliHarness farmer(String stdin) {
        return new CliHarness(FarmerMain.class, dir.resolve("home")).stdin(stdin);
    }

    @Test
    void writesAfterTheDeviceNameIsTypedAndReadsItBack() throws Exception {
        String stick = loop(16);
        String name = Path.of(stick).getFileName().toString();
        var written = farmer(name + "\n").run("usb", "write", image.toString(), stick);
        assertThat(written.exitCode()).as(written.toString()).isZero();
        assertThat(written.err()).contains("About to overwrite " + stick + " (loop device on " + dir.resolve("stick0"), "16.0 MiB",
                "Type the device name (" + name + ")");
        assertThat(written.out()).contains("wrote zos.img (5.0 MiB) to " + stick, "verified");
        byte[] expected = Files.readAllBytes(image);
        byte[] onStick = Arrays.copyOf(Files.readAllBytes(dir.resolve("stick0")), expected.length);
        assertThat(onStick).isEqualTo(expected);
    }

    @Test
    void anythingButTheDeviceNameAbortsWithoutWriting() throws Exception {
        String stick = loop(16);
        var aborted = farmer("yes\n").run("usb", "write", image.toString(), stick);
        assertThat(aborted.exitCode()).isEqualTo(1);
        assertThat(aborted.err()).contains("not confirmed; nothing was written to " + stick);
        assertThat(Files.readAllBytes(dir.resolve("stick0"))).containsOnly(0);
    }

    @Test
    void refusesMountedDisksTheSystemDiskPartitionsAndSmallSticks() throws Exception {
        String mounted = loop(16);
        sh("mkfs.ext4", "-q", "-F", mounted);
        Path where = Files.createDirectories(dir.resolve("mnt"));
        sh("mount", mounted, where.toString());
        mounts.add(where);
        var refused = farmer("").run("usb", "write", "--yes", image.toString(), mounted);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err().strip()).isEqualTo("zos-farmer: refusing to overwrite " + mounted + ": it is mounted on " + where);

        String system = systemDisk();
        var root = farmer("").run("usb", "write", "--yes", image.toString(), system);
        assertThat(root.exitCode()).isEqualTo(1);
        assertThat(root.err()).contains("refusing to overwrite " + system + ": it holds / (the system disk)");

        String small = loop(1);
        var tooSmall = farmer("").run("usb", "write", "--yes", image.toString(), small);
        assertThat(tooSmall.exitCode()).isEqualTo(1);
        assertThat(tooSmall.err()).contains("does not fit on " + small + " (1.0 MiB)");

        var notADevice = farmer("").run("usb", "write", "--yes", image.toString(), image.toString());
        assertThat(notADevice.exitCode()).isEqualTo(1);
        assertThat(notADevice.err()).contains("is not a block device");
    }

    /** The disk holding / (e.g. /dev/vda), found the way the command must find it: through mountinfo. */
    static String systemDisk() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] f = line.split(" ");
            if (f[4].equals("/")) {
                Path sys = Path.of("/sys/dev/block/" + f[2]).toRealPath();
                Path disk = Files.exists(sys.resolve("partition")) ? sys.getParent() : sys;
                return "/dev/" + disk.getFileName();
            }
        }
        throw new IllegalStateException("no / in mountinfo");
    }

    static String sh(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
