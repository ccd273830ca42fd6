package dev.zos.imagegen.format;

import dev.zos.imagegen.build.BootArtifacts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A raw disk image ({@code zos-usb.img}) to {@code dd} onto a USB stick: the hybrid ISO's layout (MBR with isolinux's
 * boot code for BIOS, GPT with the EFI system partition for UEFI), which firmware boots as a plain disk.
 */
public final class UsbFormat implements ImageFormat {
    public static final String NAME = "usb";
    public static final String FILE = "zos-usb.img";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "zos-usb.img: raw BIOS+UEFI disk image for dd to a USB stick";
    }

    @Override
    public void preflight() {
        new IsoFormat().preflight();
    }

    @Override
    public List<Path> write(BootArtifacts a, Path outDir) throws IOException {
        Path out = outDir.resolve(FILE);
        IsoFormat.writeIso(a, outDir.resolve(".usb-work"), out);
        return List.of(out);
    }
}
