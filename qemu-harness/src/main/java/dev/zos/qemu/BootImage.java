package dev.zos.qemu;

import dev.zos.core.ZosException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An image as zos-imagegen writes it, recognised by its shape: a folder with {@code vmlinuz} and
 * {@code initramfs.img} (kernel/ipxe formats), a {@code .iso}, a raw {@code .img} or an {@code .efi}.
 */
public record BootImage(BootMode mode, Path path, Path vmlinuz, Path initramfs, String cmdline) {

    public static BootImage of(Path path) {
        if (Files.isDirectory(path)) {
            Path k = path.resolve("vmlinuz");
            Path i = path.resolve("initramfs.img");
            if (!Files.isRegularFile(k) || !Files.isRegularFile(i)) {
                throw ZosException.invalid(path + " is a folder without vmlinuz and initramfs.img; build one with: zos-imagegen build --format kernel");
            }
            String cmdline = "";
            try {
                Path c = path.resolve("cmdline");
                if (Files.isRegularFile(c)) {
                    cmdline = Files.readString(c).strip();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new BootImage(BootMode.KERNEL, path, k, i, cmdline);
        }
        if (!Files.isRegularFile(path)) {
            throw ZosException.notFound("image " + path + " does not exist");
        }
        String n = path.getFileName().toString();
        if (n.endsWith(".iso")) {
            return new BootImage(BootMode.ISO, path, null, null, null);
        }
        if (n.endsWith(".img") || n.endsWith(".raw")) {
            return new BootImage(BootMode.USB, path, null, null, null);
        }
        if (n.endsWith(".efi") || n.endsWith(".EFI")) {
            return new BootImage(BootMode.EFI, path, null, null, null);
        }
        throw ZosException.invalid("cannot tell how to boot " + path + "; give a kernel-format folder, .iso, .img or .efi");
    }
}
