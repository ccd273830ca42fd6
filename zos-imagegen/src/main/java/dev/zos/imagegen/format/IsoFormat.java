package dev.zos.imagegen.format;

import dev.zos.imagegen.build.BootArtifacts;
import dev.zos.imagegen.os.Exec;
import dev.zos.imagegen.os.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A hybrid ISO ({@code zos.iso}) that boots from CD or disk under BIOS (isolinux) and UEFI (a small FAT image
 * holding GRUB as {@code EFI/BOOT/BOOTX64.EFI}). Both loaders boot the one {@code /vmlinuz} and {@code /initrd.img}
 * of the ISO 9660 file system with the same command line, so the initramfs is stored once: GRUB, built by
 * {@code grub-mkimage} with its configuration embedded, finds that file system by a marker file named after the
 * image's own hash ({@code /zos-<hash>.id}), never another Zero-OS medium in the same machine. Timestamps come from
 * the request; the same request gives the same bytes.
 */
public final class IsoFormat implements ImageFormat {
    public static final String NAME = "iso";
    public static final String FILE = "zos.iso";
    static final Path ISOLINUX = Path.of("/usr/lib/ISOLINUX/isolinux.bin");
    static final Path ISOHDPFX = Path.of("/usr/lib/ISOLINUX/isohdpfx.bin");
    static final Path LDLINUX = Path.of("/usr/lib/syslinux/modules/bios/ldlinux.c32");
    static final Path GRUB_EFI_MODULES = Path.of("/usr/lib/grub/x86_64-efi");
    /** Only what the embedded configuration uses: find the file system (CD, or the hybrid disk's partitions), load, boot. */
    static final List<String> GRUB_MODULES = List.of("part_gpt", "part_msdos", "iso9660", "search", "search_fs_file", "linux",
            "serial", "terminal", "echo", "all_video");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "zos.iso: hybrid BIOS (isolinux) + UEFI (GRUB) ISO, one kernel and initramfs, also dd-able to USB";
    }

    @Override
    public void preflight() {
        Exec.require("xorriso", "xorriso");
        Exec.require("mformat", "mtools");
        Exec.require("grub-mkimage", "grub-common");
        if (!Files.isRegularFile(GRUB_EFI_MODULES.resolve("linux.mod"))) {
            throw new dev.zos.core.ZosException(dev.zos.core.ZosException.Kind.UNAVAILABLE, GRUB_EFI_MODULES + " is missing; install it with: apt-get install -y grub-efi-amd64-bin");
        }
        for (Path p : List.of(ISOLINUX, ISOHDPFX)) {
            if (!Files.isRegularFile(p)) {
                throw new dev.zos.core.ZosException(dev.zos.core.ZosException.Kind.UNAVAILABLE, p + " is missing; install it with: apt-get install -y isolinux syslinux-common");
            }
        }
        if (!Files.isRegularFile(LDLINUX)) {
            throw new dev.zos.core.ZosException(dev.zos.core.ZosException.Kind.UNAVAILABLE, LDLINUX + " is missing; install it with: apt-get install -y syslinux-common");
        }
    }

    @Override
    public List<Path> write(BootArtifacts a, Path outDir) throws IOException {
        Path out = outDir.resolve(FILE);
        writeIso(a, outDir.resolve(".iso-work"), out);
        return List.of(out);
    }

    static void writeIso(BootArtifacts a, Path work, Path out) throws IOException {
        Trees.delete(work);
        Path root = work.resolve("root");
        Files.createDirectories(root.resolve("isolinux"));
        try {
            Files.copy(ISOLINUX, root.resolve("isolinux/isolinux.bin"));
            Files.copy(LDLINUX, root.resolve("isolinux/ldlinux.c32"));
            Files.copy(a.vmlinuz(), root.resolve("vmlinuz"));
            Files.write(root.resolve("initrd.img"), a.initramfs());
            Files.writeString(root.resolve("isolinux/isolinux.cfg"),
                    "SERIAL 0 115200\nDEFAULT zos\nPROMPT 0\nTIMEOUT 0\nLABEL zos\n  KERNEL /vmlinuz\n  INITRD /initrd.img\n  APPEND " + a.cmdline() + "\n",
                    StandardCharsets.UTF_8);
            // EFI: GRUB with its configuration built in, on a FAT image just large enough for it
            String marker = "zos-" + markerHash(a) + ".id";
            Files.writeString(root.resolve(marker), "Zero-OS boot medium\n", StandardCharsets.UTF_8);
            Path grubCfg = work.resolve("grub.cfg");
            Files.writeString(grubCfg, grubConfig(a, marker), StandardCharsets.UTF_8);
            Path grub = work.resolve("BOOTX64.EFI");
            List<String> mkimage = new java.util.ArrayList<>(List.of("grub-mkimage", "-O", "x86_64-efi", "-d", GRUB_EFI_MODULES.toString(),
                    "-c", grubCfg.toString(), "-p", "/EFI/BOOT", "-o", grub.toString()));
            mkimage.addAll(GRUB_MODULES);
            Exec.check(mkimage);
            Files.setLastModifiedTime(grub, java.nio.file.attribute.FileTime.fromMillis(a.request().mtime() * 1000)); // mcopy -m keeps it
            long mib = Math.max(2, (Files.size(grub) >> 20) + 2);
            Path efiImg = root.resolve("efiboot.img");
            try (var f = java.nio.channels.FileChannel.open(efiImg, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
                f.truncate(0);
                f.position(mib * 1024 * 1024 - 1);
                f.write(java.nio.ByteBuffer.wrap(new byte[1]));
            }
            String epoch = Long.toString(a.request().mtime());
            Map<String, String> env = Map.of("SOURCE_DATE_EPOCH", epoch, "MTOOLS_SKIP_CHECK", "1");
            run(work, env, List.of("mformat", "-i", efiImg.toString(), "-N", "5a4f5321", "-v", "ZOSEFI", "::"));
            run(work, env, List.of("mmd", "-i", efiImg.toString(), "::/EFI", "::/EFI/BOOT"));
            run(work, env, List.of("mcopy", "-m", "-i", efiImg.toString(), grub.toString(), "::/EFI/BOOT/BOOTX64.EFI"));
            for (Path p : List.of(root.resolve("isolinux/isolinux.bin"), root.resolve("isolinux/ldlinux.c32"), root.resolve("vmlinuz"),
                    root.resolve("initrd.img"), root.resolve("isolinux/isolinux.cfg"), root.resolve(marker), efiImg, root.resolve("isolinux"), root)) {
                Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(a.request().mtime() * 1000));
            }
            Files.deleteIfExists(out);
            String date = java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(java.time.ZoneOffset.UTC)
                    .format(java.time.Instant.ofEpochSecond(a.request().mtime())) + "00";
            run(work, env, List.of("xorriso", "-as", "mkisofs", "-quiet", "-iso-level", "3", "-R", "-V", "ZEROOS",
                    "--modification-date=" + date,
                    "-isohybrid-mbr", ISOHDPFX.toString(),
                    "-c", "isolinux/boot.cat", "-b", "isolinux/isolinux.bin", "-no-emul-boot", "-boot-load-size", "4", "-boot-info-table",
                    "-eltorito-alt-boot", "-e", "efiboot.img", "-no-emul-boot", "-isohybrid-gpt-basdat",
                    "-o", out.toString(), root.toString()));
        } finally {
            Trees.delete(work);
        }
    }

    /**
     * GRUB's embedded configuration: the serial console (firmware output is mirrored there), the ISO 9660 file system
     * holding this image's marker, then the kernel with the command line isolinux uses and the initramfs.
     */
    static String grubConfig(BootArtifacts a, String marker) {
        return "serial --unit=0 --speed=115200\n"
                + "terminal_input serial console\n"
                + "terminal_output serial console\n"
                + "search --no-floppy --set=root --file /" + marker + "\n"
                + "linux /vmlinuz " + a.cmdline() + "\n"
                + "initrd /initrd.img\n"
                + "boot\n";
    }

    /** 16 hex digits of SHA-256 over the command line and the initramfs: names this image's marker file. */
    static String markerHash(BootArtifacts a) {
        try {
            var md = java.security.MessageDigest.getInstance("SHA-256");
            md.update(a.cmdline().getBytes(StandardCharsets.UTF_8));
            md.update(a.initramfs());
            return java.util.HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(Path dir, Map<String, String> env, List<String> cmd) {
        Exec.Result r = Exec.run(dir, env, cmd);
        if (r.exitCode() != 0) {
            throw new dev.zos.core.ZosException(dev.zos.core.ZosException.Kind.UNAVAILABLE, cmd.get(0) + " failed: " + (r.err() + r.out()).strip().replace('\n', ' '));
        }
    }
}
