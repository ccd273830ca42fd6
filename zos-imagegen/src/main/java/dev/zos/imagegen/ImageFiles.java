package dev.zos.imagegen;

import dev.zos.core.ZosException;
import dev.zos.imagegen.format.KernelFormat;
import dev.zos.imagegen.os.Exec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the initramfs inside any image zos-imagegen writes: a kernel/ipxe folder, an initramfs, an EFI file, an ISO or USB image. */
final class ImageFiles {
    private ImageFiles() {
    }

    static byte[] initramfsOf(Path image) throws IOException {
        if (Files.isDirectory(image)) {
            Path i = image.resolve(KernelFormat.INITRAMFS);
            if (!Files.isRegularFile(i)) {
                throw ZosException.notFound(image + " holds no " + KernelFormat.INITRAMFS);
            }
            return Files.readAllBytes(i);
        }
        if (!Files.isRegularFile(image)) {
            throw ZosException.notFound("image " + image + " does not exist");
        }
        byte[] head = new byte[0x8006];
        try (var in = Files.newInputStream(image)) {
            head = in.readNBytes(head.length);
        }
        if (head.length > 2 && head[0] == 'M' && head[1] == 'Z') {
            return peSection(Files.readAllBytes(image), ".initrd", image);
        }
        if (head.length >= 0x8006 && new String(head, 0x8001, 5, StandardCharsets.US_ASCII).equals("CD001")) {
            Path tmp = Files.createTempDirectory("zos-verify-");
            try {
                Path out = tmp.resolve("initrd.img");
                Exec.check(List.of("xorriso", "-osirrox", "on", "-indev", image.toString(), "-extract", "/initrd.img", out.toString()));
                return Files.readAllBytes(out);
            } finally {
                Files.deleteIfExists(tmp.resolve("initrd.img"));
                Files.deleteIfExists(tmp);
            }
        }
        return Files.readAllBytes(image);
    }

    static byte[] peSection(byte[] pe, String name, Path what) {
        ByteBuffer b = ByteBuffer.wrap(pe).order(ByteOrder.LITTLE_ENDIAN);
        int coff = b.getInt(0x3C) + 4;
        int sections = Short.toUnsignedInt(b.getShort(coff + 2));
        int optSize = Short.toUnsignedInt(b.getShort(coff + 16));
        int table = coff + 20 + optSize;
        for (int i = 0; i < sections; i++) {
            int h = table + i * 40;
            String n = new String(pe, h, 8, StandardCharsets.US_ASCII).replace("\0", "");
            if (n.equals(name)) {
                int vsize = b.getInt(h + 8);
                int raw = b.getInt(h + 16);
                int ptr = b.getInt(h + 20);
                int size = vsize > 0 ? Math.min(vsize, raw) : raw;
                byte[] out = new byte[size];
                System.arraycopy(pe, ptr, out, 0, size);
                return out;
            }
        }
        throw ZosException.invalid(what + " is an EFI file without a " + name + " section; not a zos-imagegen image");
    }
}
