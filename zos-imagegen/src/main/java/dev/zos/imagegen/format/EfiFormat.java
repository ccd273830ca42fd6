package dev.zos.imagegen.format;

import dev.zos.imagegen.build.BootArtifacts;
import dev.zos.imagegen.os.Trees;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** One EFI executable ({@code zos.efi}) embedding kernel, initramfs and command line; boots from UEFI firmware directly. */
public final class EfiFormat implements ImageFormat {
    public static final String NAME = "efi";
    public static final String FILE = "zos.efi";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "zos.efi: one unified kernel image (EFI stub + kernel + initramfs + cmdline)";
    }

    @Override
    public void preflight() {
        Uki.preflight();
    }

    @Override
    public List<Path> write(BootArtifacts a, Path outDir) throws IOException {
        Path out = outDir.resolve(FILE);
        Path work = outDir.resolve(".efi-work");
        try {
            Uki.write(a, work, out);
        } finally {
            Trees.delete(work);
        }
        return List.of(out);
    }
}
