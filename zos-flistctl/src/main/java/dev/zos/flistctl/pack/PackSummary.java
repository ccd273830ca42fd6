package dev.zos.flistctl.pack;

import dev.zos.flist.pack.PackResult;

/** The {@code -o json|yaml} form of a pack's summary; sizes in bytes, time in milliseconds. */
record PackSummary(String flist, long files, long directories, long symlinks, long specials, long bytes,
                   long blocks, long uniqueBlocks, long uploadedBlocks, long presentBlocks, long dedupBytes,
                   long elapsedMillis) {

    static PackSummary of(PackResult r) {
        return new PackSummary(r.flist().toString(), r.files(), r.directories(), r.symlinks(), r.specials(), r.bytes(),
                r.blocks(), r.uploadedBlocks() + r.presentBlocks(), r.uploadedBlocks(), r.presentBlocks(),
                r.dedupBytes(), r.elapsed().toMillis());
    }
}
