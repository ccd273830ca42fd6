package dev.zos.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.testkit.ExternalService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the command line baked into real images: an ISO 9660 made by xorriso, a PE made by objcopy from systemd's stub. */
class ImageCmdlineTest {
    static final String CMDLINE = "quiet console=ttyS0,115200 farmer_id=7 zos-grid=http://10.0.2.2:8080 farmer_id=9";
    static final Path STUB = Path.of("/usr/lib/systemd/boot/efi/linuxx64.efi.stub");

    @TempDir
    Path tmp;

    @Test
    void wordsAreKeyValueAndTheLastValueWins() {
        assertThat(ImageCmdline.parse("  quiet farmer_id=7 zos-grid=http://h:1/x=y  farmer_id=9 zos-debug "))
                .containsEntry("quiet", "").containsEntry("farmer_id", "9").containsEntry("zos-grid", "http://h:1/x=y").containsEntry("zos-debug", "");
    }

    @Test
    void isolinuxAppendLineOfAnIso() throws Exception {
        ExternalService.require(Files.isExecutable(Path.of("/usr/bin/xorriso")), "xorriso is missing: apt-get install -y xorriso");
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("isolinux"));
        Files.createDirectories(root.resolve("boot/grub"));
        Files.writeString(root.resolve("boot/grub/isolinux.cfg"), "APPEND wrong=place\n"); // same name, other folder
        Files.writeString(root.resolve("vmlinuz"), "not a kernel");
        Files.writeString(root.resolve("isolinux/isolinux.cfg"),
                "SERIAL 0 115200\nDEFAULT zos\nLABEL zos\n  KERNEL /vmlinuz\n  INITRD /initrd.img\n  APPEND " + CMDLINE + "\n", StandardCharsets.UTF_8);
        for (int i = 0; i < 80; i++) {
            // enough entries that the root folder spans more than one sector
            Files.writeString(root.resolve("filler-with-a-long-name-" + i + ".txt"), "x");
        }
        Path iso = tmp.resolve("zos.iso");
        Process p = new ProcessBuilder("xorriso", "-as", "mkisofs", "-quiet", "-iso-level", "3", "-R", "-V", "ZEROOS", "-o", iso.toString(), root.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(ImageCmdline.of(BootImage.of(iso))).contains(CMDLINE);
        // the USB image is the same bytes under another name
        Path usb = Files.copy(iso, tmp.resolve("zos-usb.img"));
        assertThat(ImageCmdline.of(BootImage.of(usb))).contains(CMDLINE);
        assertThat(ImageCmdline.parse(ImageCmdline.of(BootImage.of(usb)).orElseThrow())).containsEntry("farmer_id", "9");
    }

    @Test
    void anIsoWithoutIsolinuxOrNotAnIsoAtAllCarriesNone() throws Exception {
        ExternalService.require(Files.isExecutable(Path.of("/usr/bin/xorriso")), "xorriso is missing: apt-get install -y xorriso");
        Path root = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(root.resolve("README"), "hello");
        Path iso = tmp.resolve("other.iso");
        assertThat(new ProcessBuilder("xorriso", "-as", "mkisofs", "-quiet", "-o", iso.toString(), root.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor()).isZero();
        assertThat(ImageCmdline.of(BootImage.of(iso))).isEmpty();
        Path raw = tmp.resolve("blank.img");
        Files.write(raw, new byte[64 * 1024]);
        assertThat(ImageCmdline.of(BootImage.of(raw))).isEmpty();
    }

    @Test
    void cmdlineSectionOfAUnifiedKernelImage() throws Exception {
        ExternalService.require(Files.isRegularFile(STUB) && Files.isExecutable(Path.of("/usr/bin/objcopy")),
                "systemd's EFI stub or objcopy is missing: apt-get install -y systemd-boot-efi binutils");
        Path cmdline = tmp.resolve("cmdline");
        Files.writeString(cmdline, CMDLINE);
        Path efi = tmp.resolve("zos.efi");
        Process p = new ProcessBuilder("objcopy", "--add-section", ".cmdline=" + cmdline, "--change-section-vma", ".cmdline=0x30000",
                STUB.toString(), efi.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(ImageCmdline.of(BootImage.of(efi))).contains(CMDLINE);
        // the stub alone has no .cmdline section; a file that is not a PE has none either
        Path bare = Files.copy(STUB, tmp.resolve("bare.efi"));
        assertThat(ImageCmdline.of(BootImage.of(bare))).isEmpty();
        Path text = tmp.resolve("text.efi");
        Files.writeString(text, "MZ but nothing else of a PE".repeat(4));
        assertThat(ImageCmdline.of(BootImage.of(text))).isEmpty();
    }

    @Test
    void kernelFolderCmdlineFile() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("kernel"));
        for (String f : List.of("vmlinuz", "initramfs.img")) {
            Files.writeString(dir.resolve(f), "x");
        }
        Files.writeString(dir.resolve("cmdline"), CMDLINE + "\n");
        assertThat(ImageCmdline.of(BootImage.of(dir))).contains(CMDLINE);
    }
}
