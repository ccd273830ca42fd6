package dev.zos.imagegen.format;

import dev.zos.core.ZosException;
import dev.zos.imagegen.build.BootArtifacts;
import dev.zos.imagegen.os.Exec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A unified kernel image: systemd's EFI stub with {@code .osrel}, {@code .cmdline} (no trailing newline),
 * {@code .linux} and {@code .initrd} sections added by {@code objcopy} at VMAs above the stub's own.
 */
final class Uki {
    static final Path STUB = Path.of("/usr/lib/systemd/boot/efi/linuxx64.efi.stub");

    private Uki() {
    }

    static void preflight() {
        Exec.require("objcopy", "binutils");
        if (!Files.isRegularFile(STUB)) {
            throw new ZosException(ZosException.Kind.UNAVAILABLE, STUB + " is missing; install it with: apt-get install -y systemd-boot-efi");
        }
    }

    static void write(BootArtifacts a, Path work, Path out) throws IOException {
        Files.createDirectories(work);
        Path osrel = work.resolve("os-release");
        Path cmdline = work.resolve("cmdline");
        Path initrd = work.resolve("initrd");
        Files.writeString(osrel, "NAME=\"Zero-OS\"\nID=zos\nVERSION_ID=3\nBUILD_ID=" + a.kernelRelease() + "\n", StandardCharsets.UTF_8);
        Files.writeString(cmdline, a.cmdline(), StandardCharsets.UTF_8);
        Files.write(initrd, a.initramfs());
        Exec.check(List.of("objcopy",
                "--add-section", ".osrel=" + osrel, "--change-section-vma", ".osrel=0x20000",
                "--add-section", ".cmdline=" + cmdline, "--change-section-vma", ".cmdline=0x30000",
                "--add-section", ".linux=" + a.vmlinuz(), "--change-section-vma", ".linux=0x2000000",
                "--add-section", ".initrd=" + initrd, "--change-section-vma", ".initrd=0x3000000",
                STUB.toString(), out.toString()));
    }
}
