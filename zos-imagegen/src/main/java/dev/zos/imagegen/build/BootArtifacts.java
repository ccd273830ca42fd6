package dev.zos.imagegen.build;

import java.nio.file.Path;

/** What every format is made from: the kernel, the signed initramfs and the command line, with facts about them. */
public record BootArtifacts(Path vmlinuz, byte[] initramfs, String cmdline, BuildRequest request, String kernelRelease,
                            String kernelSource, int modules, int manifestFiles, String releaseKey) {
}
