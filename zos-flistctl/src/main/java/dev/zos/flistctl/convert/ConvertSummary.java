package dev.zos.flistctl.convert;

import dev.zos.cli.kit.Table;
import dev.zos.flist.oci.ConvertResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What {@code convert} prints: the flist, the image, its layers and what was written. */
record ConvertSummary(String flist, String image, String digest, String platform, List<ConvertResult.LayerInfo> layers,
                      long files, long directories, long symlinks, long hardLinks, long specials, long bytes,
                      long blocks, long uploadedBlocks, long uploadedBytes, Map<String, String> tags, double seconds) {

    static ConvertSummary of(ConvertResult r) {
        return new ConvertSummary(r.flist().toString(), r.image(), r.manifestDigest(), r.platform(), r.layers(),
                r.files(), r.directories(), r.symlinks(), r.hardLinks(), r.specials(), r.bytes(), r.blocks(),
                r.uploadedBlocks(), r.uploadedBytes(), r.tags(), r.elapsed().toMillis() / 1000.0);
    }

    Table table() {
        List<String> names = new ArrayList<>(List.of("flist", "image", "digest", "platform", "layers", "files",
                "directories", "symlinks", "hard links", "specials", "bytes", "blocks", "uploaded blocks", "seconds"));
        List<Object> values = new ArrayList<>(List.of(flist, image, digest, platform, layerText(), files, directories,
                symlinks, hardLinks, specials, bytes, blocks, uploadedBlocks, String.format("%.1f", seconds)));
        for (Map.Entry<String, String> t : tags.entrySet()) {
            names.add("tag " + t.getKey());
            values.add(t.getValue());
        }
        return Table.ofFields(names, values);
    }

    private String layerText() {
        List<String> out = new ArrayList<>();
        for (ConvertResult.LayerInfo l : layers) {
            out.add(l.digest() + " (" + l.compression() + ")");
        }
        return String.join(", ", out);
    }
}
