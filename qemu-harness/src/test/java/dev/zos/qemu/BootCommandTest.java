package dev.zos.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.testkit.CliHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flags of {@code qemu-harness boot}: every bad combination is refused with one line naming it, before any QEMU starts. */
class BootCommandTest {
    @TempDir
    Path tmp;
    CliHarness cli;
    Path iso;
    Path efi;
    Path kernel;

    @BeforeEach
    void images() throws Exception {
        cli = new CliHarness(QemuHarnessMain.class, tmp.resolve("home"));
        iso = Files.write(tmp.resolve("zos.iso"), new byte[4096]);
        efi = Files.write(tmp.resolve("zos.efi"), new byte[4096]);
        kernel = Files.createDirectories(tmp.resolve("kernel"));
        Files.writeString(kernel.resolve("vmlinuz"), "k");
        Files.writeString(kernel.resolve("initramfs.img"), "i");
        Files.writeString(kernel.resolve("cmdline"), "quiet farmer_id=4 zos-grid=http://10.0.2.2:1\n");
    }

    private CliHarness.CliResult refused(String... args) {
        CliHarness.CliResult r = cli.run(args);
        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(r.out()).as(r.toString()).isEmpty();
        assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
        // nothing was started: no work folder holds a node
        assertThat(tmp.resolve("home/cache/zos/qemu-harness")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
        return r;
    }

    @Test
    void helpNamesEveryFormatAndWhatItWaitsFor() {
        CliHarness.CliResult r = cli.run("boot", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--until", "banner", "registered", "--firmware", "--nodes", "--disk", "--grid", "--timeout", "--farm", ".iso", ".efi");
    }

    @Test
    void imagesThatAreMissingOrOfNoKnownShapeAreNamed() throws Exception {
        assertThat(refused("boot", tmp.resolve("nope.iso").toString()).err()).contains("nope.iso does not exist");
        Path odd = Files.writeString(tmp.resolve("image.qcow2"), "x");
        assertThat(refused("boot", odd.toString()).err()).contains("cannot tell how to boot").contains("image.qcow2");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(refused("boot", empty.toString()).err()).contains("without vmlinuz and initramfs.img");
    }

    @Test
    void badValuesAreUsageErrors() {
        assertThat(cli.run("boot", iso.toString(), "--until", "sometimes").exitCode()).isEqualTo(2);
        assertThat(cli.run("boot", iso.toString(), "--firmware", "coreboot").exitCode()).isEqualTo(2);
        assertThat(cli.run("boot", iso.toString(), "--nodes", "two").exitCode()).isEqualTo(2);
        assertThat(cli.run("boot").exitCode()).isEqualTo(2);
    }

    @Test
    void rangesAndCombinationsAreChecked() {
        assertThat(refused("boot", iso.toString(), "--nodes", "0").err()).contains("--nodes must be between 1 and 64, got 0");
        assertThat(refused("boot", iso.toString(), "--nodes", "65").err()).contains("--nodes must be between 1 and 64");
        assertThat(refused("boot", iso.toString(), "--disk", "lots").err()).contains("--disk must be a size like 10G, got 'lots'");
        assertThat(refused("boot", iso.toString(), "--timeout", "0").err()).contains("--timeout must be 1 second or more");
        assertThat(refused("boot", iso.toString(), "--expect", "(").err()).contains("--expect is not a valid regular expression");
        assertThat(refused("boot", efi.toString(), "--firmware", "bios").err()).contains("boots under UEFI only");
        assertThat(refused("boot", iso.toString(), "--append", "zos-debug").err()).contains("--append changes a kernel-format command line only");
        assertThat(refused("boot", kernel.toString(), "--until", "registered", "--expect", "x").err()).contains("does not go with --until registered");
    }

    @Test
    void registeredNeedsAGridAndAFarmFromTheImageOrTheFlags() {
        // an image without a command line this harness can read: both must be given
        assertThat(refused("boot", iso.toString(), "--until", "registered").err()).contains("needs the grid").contains("--grid URL");
        assertThat(refused("boot", iso.toString(), "--until", "registered", "--grid", "http://10.0.2.2:1").err())
                .contains("needs the farm").contains("--farm ID");
        assertThat(refused("boot", iso.toString(), "--until", "registered", "--grid", "http://10.0.2.2:1", "--farm", "0").err())
                .contains("--farm must be a farm id of 1 or more");
        // the kernel folder names both; the grid (10.0.2.2 → the host's loopback, port 1) does not answer
        assertThat(refused("boot", kernel.toString(), "--until", "registered").err()).contains("cannot list the nodes of farm 4 at http://127.0.0.1:1");
    }
}
