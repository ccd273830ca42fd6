package dev.zos.flist.oci;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * How a layer blob is compressed. Found from the blob's first bytes rather than trusted from the media type:
 * {@code docker save} writes uncompressed layers under compressed-looking names and vice versa.
 */
enum LayerFormat {
    TAR("tar"), GZIP("gzip"), ZSTD("zstd");

    private final String label;

    LayerFormat(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    static LayerFormat sniff(byte[] head) {
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (head.length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
                && (head[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        return TAR;
    }

    /** Sniffs {@code in} and returns the uncompressed tar stream over it. */
    static InputStream decompress(InputStream in, LayerFormat[] found) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in, 65536);
        b.mark(4);
        byte[] head = b.readNBytes(4);
        b.reset();
        LayerFormat f = sniff(head);
        if (found != null) {
            found[0] = f;
        }
        return switch (f) {
            case TAR -> b;
            case GZIP -> GzipCompressorInputStream.builder().setInputStream(b).setDecompressConcatenated(true).get();
            case ZSTD -> new BufferedInputStream(new ZstdInputStreamNoFinalizer(b), 65536);
        };
    }
}
