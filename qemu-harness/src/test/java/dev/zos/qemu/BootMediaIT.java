package dev.zos.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.core.ZosException;
import dev.zos.core.registry.client.GridNode;
import dev.zos.grid.testing.TestGrid;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, boot media: a grid runs on the host; zos-imagegen (the real jar) builds the hybrid ISO, the USB image
 * and the EFI executable for one of its farms, with the grid as the guests reach it (10.0.2.2) and the console on
 * ttyS0. Each boots one QEMU node from its medium — the ISO as a CD under SeaBIOS and under OVMF, the USB image as
 * a raw IDE disk under SeaBIOS and under OVMF, the EFI executable from a FAT drive under OVMF (a fresh variable store per VM) — and
 * the node must register in the farm, up, with the capacity QEMU gave it, its cache on the blank qcow2 disk and
 * never on the boot medium. Times (QEMU start to registered) and image sizes go to target/boot-media.txt.
 * Needs zos-imagegen and zos-node packaged, qemu-system-x86, ovmf, xorriso, isolinux, mtools, systemd-boot-efi.
 */
class BootMediaIT {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path LOGS = Path.of("target/qemu-logs").toAbsolutePath();
    static final Path TIMES = Path.of("target/boot-media.txt").toAbsolutePath();
    /** Generous: CI machines are idle, but here several TCG guests share two cores. */
    static final Duration REGISTER_WITHIN = Duration.ofMinutes(20);

    @TempDir
    static Path tmp;
    static TestGrid grid;
    static long farm;
    static URI guestGrid;
    static Path key;
    static final Map<String, Path> images = new HashMap<>();

    @BeforeAll
    static void startGrid() throws Exception {
        assertThat(ROOT.resolve("zos-imagegen/target/zos-imagegen.jar")).as("build zos-imagegen first: ./mvnw -pl zos-imagegen,zos-node -am package -DskipTests").isRegularFile();
        assertThat(ROOT.resolve("zos-node/target/zos-node.jar")).as("build zos-node first").isRegularFile();
        grid = TestGrid.start();
        farm = grid.newFarm("media_farm");
        guestGrid = URI.create(grid.url().replace("127.0.0.1", RegistrationWatch.GUEST_HOST));
        key = tmp.resolve("release.key");
        BootKernelIT.run(List.of(BootKernelIT.java(), "-jar", ROOT.resolve("zos-imagegen/target/zos-imagegen.jar").toString(), "key", "new", key.toString()));
    }

    @AfterAll
    static void stopGrid() throws Exception {
        if (grid != null) {
            grid.close();
        }
    }

    /** Builds the image of {@code format} once (a test run alone builds only what it boots). */
    static synchronized Path image(String format) throws Exception {
        Path have = images.get(format);
        if (have != null) {
            return have;
        }
        Path out = tmp.resolve(format);
        // no_timer_check: a busy host can starve TCG's timer during the kernel's IO-APIC check and make it panic
        BootKernelIT.run(List.of(BootKernelIT.java(), "-jar", ROOT.resolve("zos-imagegen/target/zos-imagegen.jar").toString(), "build",
                "--format", format, "--farm", Long.toString(farm), "--grid", guestGrid.toString(), "--runmode", "dev", "--console", "ttyS0",
                "--cmdline", "no_timer_check", "--release-key", key.toString(), "--agent", ROOT.resolve("zos-node/target").toString(),
                "-o", out.toString()));
        String file = switch (format) {
            case "iso" -> "zos.iso";
            case "usb" -> "zos-usb.img";
            case "efi" -> "zos.efi";
            default -> throw new IllegalArgumentException(format);
        };
        Path image = out.resolve(file);
        assertThat(image).isRegularFile();
        // the harness reads back what the image carries: the farm and the grid the node joins
        Map<String, String> words = ImageCmdline.parse(ImageCmdline.of(BootImage.of(image)).orElseThrow());
        assertThat(words).containsEntry("farmer_id", Long.toString(farm)).containsEntry("zos-grid", guestGrid.toString())
                .containsEntry("console", "ttyS0,115200").containsKey("no_timer_check");
        images.put(format, image);
        return image;
    }

    @Test
    void isoBootsAsACdUnderBiosAndRegisters() throws Exception {
        bootAndRegister("iso", "ISO, CD, SeaBIOS", image("iso"), false, "/dev/vda");
    }

    @Test
    void efiExecutableBootsUnderOvmfAndRegisters() throws Exception {
        // the FAT drive holding BOOTX64.EFI is a read-only virtio disk after the cache disk: never the cache
        bootAndRegister("efi", "EFI, OVMF", image("efi"), true, "/dev/vda");
    }

    @Test
    void usbImageBootsAsARawDiskUnderBiosAndRegisters() throws Exception {
        // the stick is /dev/sda (IDE, writable through the snapshot); its partition table keeps it from being formatted
        bootAndRegister("usb", "USB, raw disk, SeaBIOS", image("usb"), false, "/dev/vda");
    }

    @Test
    void usbImageBootsAsARawDiskUnderOvmfAndRegisters() throws Exception {
        // a stick on a UEFI machine: OVMF starts GRUB from the GPT's EFI partition, GRUB finds the ISO 9660 file system
        bootAndRegister("usb-uefi", "USB, raw disk, OVMF", image("usb"), true, "/dev/vda");
    }

    @Test
    void isoBootsAsACdUnderOvmfAndRegisters() throws Exception {
        bootAndRegister("iso-uefi", "ISO, CD, OVMF", image("iso"), true, "/dev/vda");
    }

    private void bootAndRegister(String label, String how, Path image, boolean uefi, String cacheDev) throws Exception {
        var spec = new QemuCluster.Spec(image, 1, "1G", null, 1024, 2, tmp.resolve("work"), LOGS, true, null, uefi);
        RegistrationWatch watch = RegistrationWatch.begin(guestGrid, farm);
        Instant start = Instant.now();
        try (QemuCluster cluster = QemuCluster.start(spec)) {
            try {
                QemuCluster.Node node = cluster.nodes().get(0);
                List<RegistrationWatch.Registered> up = watch.await(1, REGISTER_WITHIN, () -> {
                    String console = node.console();
                    if (!node.process().isAlive() || console.contains("zos-node: fatal") || console.contains("Kernel panic")) {
                        throw new ZosException(ZosException.Kind.UNAVAILABLE, how + ": the node stopped or failed before registering; see " + cluster.keptLogs());
                    }
                });
                Duration took = Duration.between(start, Instant.now());
                String console = node.console();
                assertThat(console).doesNotContain("zos-init: cannot").doesNotContain("zos-node: fatal")
                        .containsPattern("zos-node: PID 1, java \\S+, farm " + farm + ", runmode dev")
                        .contains("zos-node: net: eth0 10.0.2.15/24 gateway 10.0.2.2 dns 10.0.2.3 (dhcp)")
                        .contains("zos-node: cache disk: " + cacheDev + " 1024 MiB ext4 ZOS-CACHE at /var/cache/zos (formatted on this first boot)");
                GridNode n = up.get(0).node();
                assertThat(n.farmId()).isEqualTo(farm);
                assertThat(n.status()).isEqualTo("up");
                assertThat(n.totalResources().cru()).as("the 2 vCPUs QEMU gave it").isEqualTo(2);
                assertThat(n.totalResources().mru()).as("about the 1 GiB QEMU gave it").isBetween(700L << 20, 1L << 30);
                assertThat(n.virtualized()).isTrue();
                String banner = console.lines().filter(l -> l.contains("zos-node: PID 1,")).findFirst().orElse("").strip();
                record(String.format("%-9s %-24s registered %6.1f s after QEMU start (explorer saw it %6.1f s in), image %,d bytes; %s",
                        label, how, took.toMillis() / 1000.0, up.get(0).after().toMillis() / 1000.0, Files.size(image), banner));
            } catch (RuntimeException | AssertionError e) {
                cluster.markFailed();
                throw e;
            }
        }
    }

    private static synchronized void record(String line) throws IOException {
        System.out.println(line);
        Files.createDirectories(TIMES.getParent());
        Files.writeString(TIMES, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
