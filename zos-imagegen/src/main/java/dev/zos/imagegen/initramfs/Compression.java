package dev.zos.imagegen.initramfs;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import dev.zos.core.ZosException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/** How an initramfs is compressed; both are understood by Debian's kernel. */
public enum Compression {
    ZSTD(new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD}),
    XZ(new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0});

    private final byte[] magic;

    Compression(byte[] magic) {
        this.magic = magic;
    }

    public byte[] magic() {
        return magic.clone();
    }

    public static Compression byName(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ZosException.invalid("unknown compression '" + name + "'; choose zstd or xz");
        }
    }

    public OutputStream compress(OutputStream out) throws IOException {
        return switch (this) {
            case ZSTD -> {
                var z = new ZstdOutputStream(out, 9);
                z.setChecksum(true);
                z.setWorkers(Math.max(1, Runtime.getRuntime().availableProcessors()));
                yield z;
            }
            // the kernel's xz decoder knows CRC32 only
            case XZ -> new XZOutputStream(out, new LZMA2Options(6), org.tukaani.xz.XZ.CHECK_CRC32);
        };
    }

    /** The compression whose magic starts {@code head}, or null when it is none of these. */
    public static Compression detect(byte[] head) {
        for (Compression c : values()) {
            if (head.length >= c.magic.length && Arrays.equals(head, 0, c.magic.length, c.magic, 0, c.magic.length)) {
                return c;
            }
        }
        return null;
    }

    public InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case ZSTD -> new ZstdInputStream(in);
            case XZ -> new XZInputStream(in);
        };
    }
}
