package dev.zos.imagegen.format;

import dev.zos.imagegen.build.BootArtifacts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An iPXE script that fetches kernel and initramfs from the grid's boot server
 * ({@code <grid>/kernel/<runmode>/<farm>} and {@code <grid>/initramfs/<runmode>/<farm>}, docs/formats/boot.md), plus
 * those two files for a boot server of your own. The grid's own script ({@code <grid>/ipxe/<runmode>/<farm>}) also
 * tries each NIC and retries; this one is the minimal form.
 * The kernel line names the initrd ({@code initrd=}) so OVMF's iPXE hands it over.
 */
public final class IpxeFormat implements ImageFormat {
    public static final String NAME = "ipxe";
    public static final String SCRIPT = "boot.ipxe";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "boot.ipxe script fetching kernel + initramfs from the grid's boot server (files included)";
    }

    @Override
    public List<Path> write(BootArtifacts a, Path outDir) throws IOException {
        List<Path> files = new ArrayList<>(KernelFormat.writeFiles(a, outDir));
        Path script = outDir.resolve(SCRIPT);
        Files.writeString(script, script(a), StandardCharsets.UTF_8);
        files.add(script);
        return files;
    }

    public static String script(BootArtifacts a) {
        String grid = a.request().grid().toString().replaceAll("/+$", "");
        String where = "/" + a.request().runmode().value() + "/" + a.request().farm();
        return "#!ipxe\n"
                + "echo Zero-OS: farm " + a.request().farm() + ", runmode " + a.request().runmode().value() + ", grid " + grid + "\n"
                + "kernel " + grid + "/kernel" + where + " initrd=" + KernelFormat.INITRAMFS + " " + a.cmdline() + "\n"
                + "initrd --name " + KernelFormat.INITRAMFS + " " + grid + "/initramfs" + where + "\n"
                + "boot\n";
    }
}
