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
 * A hybrid ISO ({@code zos.iso}) that boots from CD or disk under BIOS (isolinux) and UEFI (a FAT image
 * holding the unified kernel image as {@code EFI/BOOT/BOOTX64.EFI}). Timestamps come from the request.
 */
public final class IsoFormat implements ImageFormat {
    public static final String NAME = "iso";
    public static final String FILE = "zos.iso";
    static final Path ISOLINUX = Path.of("/usr/lib/ISOLINUX/isolinux.bin");
    static final Path ISOHDPFX = Path.of("/usr/lib/ISOLINUX/isohdpfx.bin");
    static final Path LDLINUX = Path.of("/usr/lib/syslinux/modules/bios/ldlinux.c32");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "zos.iso: hybrid BIOS (isolinux) + UEFI (unified kernel image) ISO, also dd-able to USB";
    }

    @Override
    public void preflight() {
        Exec.require("xorriso", "xorriso");
        Exec.require("mformat", "mtools");
        Uki.preflight();
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
            // EFI: a FAT image with the UKI, sized to fit it with room for FAT16 overhead
            Path uki = work.resolve("BOOTX64.EFI");
            Uki.write(a, work.resolve("uki"), uki);
            long mib = Math.max(32, (Files.size(uki) >> 20) + 8);
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
            run(work, env, List.of("mcopy", "-m", "-i", efiImg.toString(), uki.toString(), "::/EFI/BOOT/BOOTX64.EFI"));
            for (Path p : List.of(root.resolve("isolinux/isolinux.bin"), root.resolve("isolinux/ldlinux.c32"), root.resolve("vmlinuz"),
                    root.resolve("initrd.img"), root.resolve("isolinux/isolinux.cfg"), efiImg, root.resolve("isolinux"), root)) {
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

    private static void run(Path dir, Map<String, String> env, List<String> cmd) {
        Exec.Result r = Exec.run(dir, env, cmd);
        if (r.exitCode() != 0) {
            throw new dev.zos.core.ZosException(dev.zos.core.ZosException.Kind.UNAVAILABLE, cmd.get(0) + " failed: " + (r.err() + r.out()).strip().replace('\n', ' '));
        }
    }
}
