package dev.zos.qemu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The kernel command line baked into an image by zos-imagegen, read without mounting anything: the {@code cmdline}
 * file of a kernel folder, the {@code APPEND} line of {@code isolinux/isolinux.cfg} inside an ISO 9660 file system
 * (the hybrid ISO and the USB image share that layout), or the {@code .cmdline} section of a unified kernel image.
 * The harness learns from it which farm and grid the nodes will join, to watch the grid for them.
 */
public final class ImageCmdline {
    static final int SECTOR = 2048;

    private ImageCmdline() {
    }

    /** The command line, or empty when the image does not carry one this reader knows. */
    public static Optional<String> of(BootImage image) {
        try {
            return switch (image.mode()) {
                case KERNEL -> Optional.ofNullable(image.cmdline()).filter(s -> !s.isBlank());
                case ISO, USB -> isolinuxAppend(image.path());
                case EFI -> peSection(image.path(), ".cmdline");
                case NETBOOT -> Optional.empty(); // the grid serves it with the script
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the command line of " + image.path(), e);
        }
    }

    /** {@code key[=value]} words, the last value of a key winning, as the node reads them. */
    public static Map<String, String> parse(String cmdline) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String w : cmdline.strip().split("\\s+")) {
            if (w.isEmpty()) {
                continue;
            }
            int eq = w.indexOf('=');
            out.put(eq < 0 ? w : w.substring(0, eq), eq < 0 ? "" : w.substring(eq + 1));
        }
        return out;
    }

    /** The {@code APPEND} line of {@code /isolinux/isolinux.cfg}, if the file system has one. */
    static Optional<String> isolinuxAppend(Path iso) throws IOException {
        try (FileChannel ch = FileChannel.open(iso, StandardOpenOption.READ)) {
            Optional<byte[]> cfg = isoFile(ch, "isolinux", "isolinux.cfg");
            if (cfg.isEmpty()) {
                return Optional.empty();
            }
            for (String line : new String(cfg.get(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (l.regionMatches(true, 0, "APPEND ", 0, 7)) {
                    return Optional.of(l.substring(7).strip());
                }
            }
            return Optional.empty();
        }
    }

    /** A file of an ISO 9660 file system by its path, names compared without case and version ({@code ;1}). */
    static Optional<byte[]> isoFile(FileChannel ch, String... path) throws IOException {
        if (ch.size() < 17L * SECTOR) {
            return Optional.empty();
        }
        ByteBuffer pvd = read(ch, 16L * SECTOR, SECTOR);
        if (pvd.get(0) != 1 || !"CD001".equals(new String(pvd.array(), 1, 5, StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        long extent = pvd.getInt(156 + 2) & 0xffffffffL;
        long length = pvd.getInt(156 + 10) & 0xffffffffL;
        for (int i = 0; i < path.length; i++) {
            boolean last = i == path.length - 1;
            Optional<long[]> entry = find(ch, extent, length, path[i], !last);
            if (entry.isEmpty()) {
                return Optional.empty();
            }
            extent = entry.get()[0];
            length = entry.get()[1];
        }
        if (length > 1 << 20 || extent * SECTOR + length > ch.size()) {
            return Optional.empty();
        }
        return Optional.of(read(ch, extent * SECTOR, (int) length).array());
    }

    private static Optional<long[]> find(FileChannel ch, long extent, long length, String name, boolean directory) throws IOException {
        if (length > 16L << 20 || extent * SECTOR + length > ch.size()) {
            return Optional.empty();
        }
        ByteBuffer dir = read(ch, extent * SECTOR, (int) length);
        int off = 0;
        while (off < length) {
            int len = dir.get(off) & 0xff;
            if (len == 0) {
                off = (off / SECTOR + 1) * SECTOR; // records never cross a sector: the rest of this one is padding
                continue;
            }
            boolean isDir = (dir.get(off + 25) & 0x02) != 0;
            int nameLen = dir.get(off + 32) & 0xff;
            if (len < 34 || off + 33 + nameLen > length) {
                return Optional.empty(); // not a directory record: not the file system this reader knows
            }
            String n = new String(dir.array(), off + 33, nameLen, StandardCharsets.ISO_8859_1);
            int semi = n.indexOf(';');
            n = semi < 0 ? n : n.substring(0, semi);
            n = n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
            if (isDir == directory && n.equalsIgnoreCase(name)) {
                return Optional.of(new long[] {dir.getInt(off + 2) & 0xffffffffL, dir.getInt(off + 10) & 0xffffffffL});
            }
            off += len;
        }
        return Optional.empty();
    }

    /** A named section of a PE/COFF executable (the UKI's {@code .cmdline}), trailing NULs dropped. */
    static Optional<String> peSection(Path file, String section) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() < 0x40) {
                return Optional.empty();
            }
            ByteBuffer dos = read(ch, 0, 0x40);
            if (dos.get(0) != 'M' || dos.get(1) != 'Z') {
                return Optional.empty();
            }
            long pe = dos.getInt(0x3c) & 0xffffffffL;
            if (pe + 24 > ch.size()) {
                return Optional.empty();
            }
            ByteBuffer coff = read(ch, pe, 24);
            if (coff.getInt(0) != 0x00004550) { // "PE\0\0"
                return Optional.empty();
            }
            int sections = coff.getShort(4 + 2) & 0xffff;
            int optional = coff.getShort(4 + 16) & 0xffff;
            if (pe + 24 + optional + sections * 40L > ch.size()) {
                return Optional.empty();
            }
            ByteBuffer table = read(ch, pe + 24 + optional, sections * 40);
            for (int i = 0; i < sections; i++) {
                int at = i * 40;
                String name = new String(table.array(), at, 8, StandardCharsets.US_ASCII).replace("\0", "");
                if (name.equals(section)) {
                    long virtualSize = table.getInt(at + 8) & 0xffffffffL;
                    long rawSize = table.getInt(at + 16) & 0xffffffffL;
                    long raw = table.getInt(at + 20) & 0xffffffffL;
                    long size = virtualSize > 0 ? Math.min(virtualSize, rawSize) : rawSize;
                    if (size > 64 * 1024 || raw + size > ch.size()) {
                        return Optional.empty();
                    }
                    String s = new String(read(ch, raw, (int) size).array(), StandardCharsets.UTF_8);
                    int nul = s.indexOf('\0');
                    return Optional.of((nul < 0 ? s : s.substring(0, nul)).strip());
                }
            }
            return Optional.empty();
        }
    }

    private static ByteBuffer read(FileChannel ch, long at, int size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new IOException("unexpected end of file at byte " + (at + b.position()) + " (want " + size + " bytes at " + at + ")");
            }
        }
        return b.flip().order(ByteOrder.LITTLE_ENDIAN);
    }
}
