package dev.zos.flist.oci;

import java.util.List;

/**
 * The one image chosen from an archive, with everything needed to convert it.
 *
 * @param ref            the image's name as the archive records it ({@code alpine:3.19}), or empty
 * @param manifestDigest the manifest's digest, or null for an older {@code docker save} (it has none)
 */
record ResolvedImage(String ref, Digest manifestDigest, Platform platform, ImageConfig config, List<Layer> layers) {

    /**
     * One layer blob.
     *
     * @param path   where the blob is in the archive
     * @param digest the compressed blob's digest, or null when the archive has none (older docker save)
     * @param size   the declared size, or -1
     * @param diffId the uncompressed tar's digest from the config, or null
     */
    record Layer(int index, String path, Digest digest, long size, Digest diffId, String mediaType) {
        String describe() {
            return "layer " + (index + 1) + " (" + (digest != null ? digest.toString() : path) + ")";
        }
    }
}
