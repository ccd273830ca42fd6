package dev.zos.flist.unpack;

import dev.zos.core.ZosException;
import dev.zos.flist.meta.FileType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Creates FIFOs and device nodes with {@code mkfifo}/{@code mknod}: the JDK cannot. */
final class Special {

    private Special() {
    }

    static long major(long rdev) {
        return ((rdev >>> 8) & 0xfffL) | ((rdev >>> 32) & ~0xfffL);
    }

    static long minor(long rdev) {
        return (rdev & 0xffL) | ((rdev >>> 12) & ~0xffL);
    }

    /**
     * Sets the mtime of a FIFO, device or socket without opening it (the JDK opens the file, which blocks on
     * a FIFO): {@code touch -h -m -d @SECONDS}.
     */
    static void setMtime(Path p, long seconds) {
        exec(List.of("touch", "-h", "-m", "-d", "@" + seconds, p.toString()), p, "set the mtime of");
    }

    static void create(Path p, FileType type, long rdev) {
        List<String> cmd = switch (type) {
            case FIFO -> List.of("mkfifo", p.toString());
            case CHAR_DEVICE -> List.of("mknod", p.toString(), "c", Long.toString(major(rdev)), Long.toString(minor(rdev)));
            case BLOCK_DEVICE -> List.of("mknod", p.toString(), "b", Long.toString(major(rdev)), Long.toString(minor(rdev)));
            default -> throw new IllegalArgumentException("not a special file type: " + type);
        };
        exec(cmd, p, "create " + type.name().toLowerCase().replace('_', ' '));
    }

    private static void exec(List<String> cmd, Path p, String what) {
        try {
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = proc.getInputStream().readAllBytes();
            if (!proc.waitFor(30, TimeUnit.SECONDS) || proc.exitValue() != 0) {
                 throw new ZosException(ZosException.Kind.UNAVAILABLE, "cannot " + what + " " + p + ": " + new String(out, StandardCharsets.UTF_8).trim());
            }
        } catch (IOException e) {
            throw ZosException.unavailable("cannot run " + cmd.get(0) + " to " + what + " " + p + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ZosException.unavailable("interrupted while creating " + p, e);
        }
    }
}
