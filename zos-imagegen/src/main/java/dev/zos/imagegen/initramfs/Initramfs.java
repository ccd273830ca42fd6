package dev.zos.imagegen.initramfs;

import dev.zos.core.ZosException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveInputStream;
import org.apache.commons.compress.archivers.cpio.CpioArchiveOutputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;

/**
 * Writes an {@link FsTree} as a compressed cpio "newc" archive and reads one back. Entries are sorted,
 * owned by root, stamped with one fixed time and numbered in order, so equal trees give equal bytes.
 */
public final class Initramfs {
    private Initramfs() {
    }

    public static void write(FsTree tree, Compression compression, long mtime, OutputStream out) throws IOException {
        try (OutputStream c = compression.compress(nonClosing(out));
             var cpio = new CpioArchiveOutputStream(c, CpioConstants.FORMAT_NEW, 512, StandardCharsets.UTF_8.name())) {
            long inode = 1;
            for (Map.Entry<String, FsTree.Node> e : tree.nodes().entrySet()) {
                var entry = new CpioArchiveEntry(CpioConstants.FORMAT_NEW, e.getKey().substring(1));
                entry.setTime(mtime);
                entry.setUID(0);
                entry.setGID(0);
                entry.setInode(inode++);
                byte[] data = new byte[0];
                switch (e.getValue()) {
                    case FsTree.Dir d -> {
                        entry.setMode(CpioConstants.C_ISDIR | d.mode());
                        entry.setNumberOfLinks(2);
                    }
                    case FsTree.File f -> {
                        entry.setMode(CpioConstants.C_ISREG | f.mode());
                        entry.setNumberOfLinks(1);
                        data = f.bytes();
                    }
                    case FsTree.Symlink s -> {
                        entry.setMode(CpioConstants.C_ISLNK | 0777);
                        entry.setNumberOfLinks(1);
                        data = s.target().getBytes(StandardCharsets.UTF_8);
                    }
                    case FsTree.CharDevice d -> {
                        entry.setMode(CpioConstants.C_ISCHR | d.mode());
                        entry.setNumberOfLinks(1);
                        entry.setRemoteDeviceMaj(d.major());
                        entry.setRemoteDeviceMin(d.minor());
                    }
                }
                entry.setSize(data.length);
                cpio.putArchiveEntry(entry);
                cpio.write(data);
                cpio.closeArchiveEntry();
            }
            cpio.finish();
        }
    }

    public static byte[] write(FsTree tree, Compression compression, long mtime) {
        var out = new java.io.ByteArrayOutputStream();
        try {
            write(tree, compression, mtime, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Reads a (compressed or plain) newc archive back into a tree; {@code what} names it in errors. */
    public static FsTree read(byte[] image, String what) {
        byte[] head = java.util.Arrays.copyOf(image, Math.min(8, image.length));
        Compression c = Compression.detect(head);
        try (InputStream raw = new ByteArrayInputStream(image);
             InputStream in = c == null ? raw : c.decompress(new BufferedInputStream(raw));
             var cpio = new CpioArchiveInputStream(in, 512, StandardCharsets.UTF_8.name())) {
            FsTree tree = new FsTree();
            CpioArchiveEntry e;
            while ((e = cpio.getNextEntry()) != null) {
                String path = "/" + e.getName();
                if (e.getName().equals(".") || e.getName().isEmpty()) {
                    continue;
                }
                byte[] data = cpio.readAllBytes();
                int perm = (int) (e.getMode() & 07777);
                long type = e.getMode() & CpioConstants.S_IFMT;
                if (type == CpioConstants.C_ISDIR) {
                    tree.dir(path);
                } else if (type == CpioConstants.C_ISREG) {
                    tree.file(path, perm, data);
                } else if (type == CpioConstants.C_ISLNK) {
                    tree.symlink(path, new String(data, StandardCharsets.UTF_8));
                } else if (type == CpioConstants.C_ISCHR) {
                    tree.charDevice(path, perm, (int) e.getRemoteDeviceMaj(), (int) e.getRemoteDeviceMin());
                } else {
                    throw ZosException.invalid(what + " holds " + path + " of an unsupported type");
                }
            }
            return tree;
        } catch (IOException e) {
            throw ZosException.invalid(what + " is not a readable initramfs (" + e.getMessage() + ")");
        }
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
