package dev.zos.flist.pack;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a pack did.
 *
 * @param flist             the written {@code .fl}
 * @param files             regular files
 * @param directories       directories (including the root)
 * @param symlinks          symbolic links
 * @param specials          devices, FIFOs and sockets
 * @param bytes             plaintext bytes of regular files
 * @param blocks            block rows written
 * @param uploadedBlocks    blocks sent to the store
 * @param presentBlocks     unique blocks already in the store (not sent)
 * @param dedupBytes        plaintext bytes not uploaded (duplicates within the pack or already stored)
 * @param unchangedFiles    files whose blocks came from the change index (not read again)
 * @param peakInflightBlocks most plaintext blocks held in memory at once
 */
public record PackResult(Path flist, long files, long directories, long symlinks, long specials, long bytes,
                         long blocks, long uploadedBlocks, long presentBlocks, long dedupBytes, long unchangedFiles,
                         int peakInflightBlocks, Duration elapsed) {
}
