package dev.zos.flist.oci;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a conversion wrote.
 *
 * @param image          the image's name in the archive, or empty
 * @param manifestDigest the manifest's digest, or empty for an older docker save
 * @param layers         the layers applied, lowest first
 * @param files          regular files in the flist (hard links included)
 * @param bytes          content bytes of those files
 * @param blocks         block rows written
 * @param uploadedBlocks blocks the store did not have yet
 */
public record ConvertResult(Path flist, String image, String manifestDigest, String platform, List<LayerInfo> layers,
                            long files, long directories, long symlinks, long hardLinks, long specials, long bytes,
                            long blocks, long uploadedBlocks, long uploadedBytes, Map<String, String> tags,
                            Duration elapsed) {

    public ConvertResult {
        layers = List.copyOf(layers);
        tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
    }

    /** One applied layer: its digest, compression and sizes. */
    public record LayerInfo(int index, String digest, String compression, long compressedBytes, long tarBytes) {
    }
}
