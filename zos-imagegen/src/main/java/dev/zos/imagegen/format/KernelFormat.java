package dev.zos.imagegen.format;

import dev.zos.imagegen.build.BootArtifacts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** {@code vmlinuz}, {@code initramfs.img} and the command line in {@code cmdline}: for QEMU -kernel, PXE, kexec. */
public final class KernelFormat implements ImageFormat {
    public static final String NAME = "kernel";
    public static final String VMLINUZ = "vmlinuz";
    public static final String INITRAMFS = "initramfs.img";
    public static final String CMDLINE = "cmdline";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "vmlinuz + initramfs.img + cmdline (QEMU -kernel, PXE, kexec)";
    }

    @Override
    public List<Path> write(BootArtifacts a, Path outDir) throws IOException {
        return writeFiles(a, outDir);
    }

    static List<Path> writeFiles(BootArtifacts a, Path outDir) throws IOException {
        Path k = outDir.resolve(VMLINUZ);
        Path i = outDir.resolve(INITRAMFS);
        Path c = outDir.resolve(CMDLINE);
        Files.copy(a.vmlinuz(), k, StandardCopyOption.REPLACE_EXISTING);
        Files.write(i, a.initramfs());
        Files.writeString(c, a.cmdline() + "\n", StandardCharsets.UTF_8);
        for (Path p : List.of(k, i, c)) {
            Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(a.request().mtime() * 1000));
        }
        return List.of(k, i, c);
    }
}
