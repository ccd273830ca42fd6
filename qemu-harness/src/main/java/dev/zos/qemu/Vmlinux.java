package dev.zos.qemu;

import dev.zos.core.ZosException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * The uncompressed kernel (ELF with a PVH entry) inside a bzImage: QEMU boots it about twice as fast as the
 * bzImage under TCG. Found by the xz or zstd magic in the bzImage and decompressed with xz or zstd; cached by hash.
 */
public final class Vmlinux {
    private static final byte[] XZ = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};
    private static final byte[] ZSTD = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD};

    private Vmlinux() {
    }

    public static Path extract(Path vmlinuz, Path cacheDir) {
        try {
            byte[] data = Files.readAllBytes(vmlinuz);
            String key = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)).substring(0, 24);
            Path out = cacheDir.resolve("vmlinux-" + key);
            if (Files.isRegularFile(out)) {
                return out;
            }
            Files.createDirectories(cacheDir);
            int at = indexOf(data, XZ);
            List<String> cmd = List.of("xz", "-dc", "--single-stream");
            if (at < 0) {
                at = indexOf(data, ZSTD);
                cmd = List.of("zstd", "-dcq");
            }
            if (at < 0) {
                throw ZosException.invalid(vmlinuz + " holds no xz or zstd compressed kernel");
            }
            Path tmp = cacheDir.resolve("vmlinux-" + key + ".tmp");
            Process p = new ProcessBuilder(cmd).redirectOutput(tmp.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(data, at, data.length - at);
            } catch (IOException ignored) {
                // the decompressor stops reading at the end of the stream
            }
            p.waitFor();
            byte[] head;
            try (InputStream r = Files.newInputStream(tmp)) {
                head = r.readNBytes(4);
            }
            if (head.length < 4 || head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F') {
                Files.deleteIfExists(tmp);
                throw ZosException.invalid("could not decompress the kernel inside " + vmlinuz + " (is " + cmd.get(0) + " installed?)");
            }
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract vmlinux from " + vmlinuz, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZosException(ZosException.Kind.UNAVAILABLE, "interrupted");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static int indexOf(byte[] data, byte[] magic) {
        outer:
        for (int i = 0; i + magic.length <= data.length; i++) {
            for (int j = 0; j < magic.length; j++) {
                if (data[i + j] != magic[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
