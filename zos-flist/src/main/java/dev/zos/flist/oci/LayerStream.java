package dev.zos.flist.oci;

import java.io.IOException;
import java.io.InputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * One layer blob opened for reading as a tar, with its compressed digest (from the manifest) and its uncompressed
 * digest (the config's diff_id) checked on the way: call {@link #verify()} after the last entry.
 */
final class LayerStream implements AutoCloseable {

    final TarArchiveInputStream tar;
    final LayerFormat format;
    private final InputStream raw;
    private final VerifyingInputStream blob;
    private final VerifyingInputStream diff;

    private LayerStream(InputStream raw, VerifyingInputStream blob, VerifyingInputStream diff, LayerFormat format,
                        TarArchiveInputStream tar) {
        this.raw = raw;
        this.blob = blob;
        this.diff = diff;
        this.format = format;
        this.tar = tar;
    }

    static LayerStream open(ImageArchive archive, ResolvedImage.Layer layer) throws IOException {
        String what = archive.name() + ": " + layer.describe();
        InputStream raw = archive.open(layer.path());
        try {
            VerifyingInputStream blob = layer.digest() == null ? null
                    : new VerifyingInputStream(raw, layer.digest(), layer.size(), what);
            LayerFormat[] found = new LayerFormat[1];
            InputStream plain = LayerFormat.decompress(blob != null ? blob : raw, found);
            VerifyingInputStream diff = layer.diffId() == null ? null
                    : new VerifyingInputStream(plain, layer.diffId(), -1, what + " (uncompressed, diff_id)");
            TarArchiveInputStream tar = new TarArchiveInputStream(diff != null ? diff : plain, "UTF-8");
            return new LayerStream(raw, blob, diff, found[0], tar);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** Reads what is left and checks both digests. */
    void verify() throws IOException {
        if (diff != null) {
            diff.verify();
        }
        if (blob != null) {
            blob.verify();
        }
    }

    /**
     * After a layer failed to decompress or parse: checks the blob's own digest, so that a tampered blob is reported
     * as tampered rather than as a broken tar.
     */
    void verifyBlobAfterFailure() throws IOException {
        if (blob != null) {
            blob.verify();
        }
    }

    long compressedBytes() {
        return blob != null ? blob.count() : -1;
    }

    long tarBytes() {
        return diff != null ? diff.count() : -1;
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}
