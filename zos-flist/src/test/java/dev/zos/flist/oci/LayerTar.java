package dev.zos.flist.oci;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.nio.file.attribute.FileTime;

import com.github.luben.zstd.ZstdOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Writes a layer tar the way image builders do (PAX headers for long names and big ids). */
final class LayerTar {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar;
    private final long mtime;

    LayerTar(long mtime) {
        this.mtime = mtime;
        tar = new TarArchiveOutputStream(bytes, "UTF-8");
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    private LayerTar put(TarArchiveEntry e, byte[] content) {
        try {
            e.setLastModifiedTime(FileTime.from(Instant.ofEpochSecond(mtime)));
            tar.putArchiveEntry(e);
            if (content != null) {
                tar.write(content);
            }
            tar.closeArchiveEntry();
            return this;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    LayerTar dir(String name, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, true);
        e.setMode(mode);
        return put(e, null);
    }

    LayerTar file(String name, int mode, byte[] content) {
        return file(name, mode, 0, 0, content);
    }

    LayerTar file(String name, int mode, long uid, long gid, byte[] content) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        e.setMode(mode);
        e.setSize(content.length);
        e.setUserId(uid);
        e.setGroupId(gid);
        return put(e, content);
    }

    LayerTar file(String name, String content) {
        return file(name, 0644, content.getBytes(StandardCharsets.UTF_8));
    }

    LayerTar symlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        e.setLinkName(target);
        e.setMode(0777);
        return put(e, null);
    }

    LayerTar hardlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        e.setLinkName(target);
        e.setMode(0755);
        return put(e, null);
    }

    LayerTar charDevice(String name, int major, int minor) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_CHR, true);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        e.setMode(0666);
        return put(e, null);
    }

    LayerTar fifo(String name) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_FIFO, true);
        e.setMode(0600);
        return put(e, null);
    }

    LayerTar whiteout(String dir, String name) {
        return file((dir.isEmpty() ? "" : dir + "/") + ".wh." + name, 0, new byte[0]);
    }

    LayerTar opaque(String dir) {
        return file(dir + "/.wh..wh..opq", 0, new byte[0]);
    }

    byte[] tar() {
        try {
            tar.finish();
            tar.close();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] compress(byte[] tar, LayerFormat format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            switch (format) {
                case TAR -> out.write(tar);
                case GZIP -> {
                    try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out)) {
                        gz.write(tar);
                    }
                }
                case ZSTD -> {
                    try (ZstdOutputStream z = new ZstdOutputStream(out)) {
                        z.write(tar);
                    }
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
