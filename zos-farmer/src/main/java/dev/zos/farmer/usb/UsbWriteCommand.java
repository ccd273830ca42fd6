package dev.zos.farmer.usb;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.core.ZosException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "write", mixinStandardHelpOptions = true,
        description = {"Write a boot image (usb or iso format) to a whole disk, such as a USB stick, and read it back to check it.",
                "Asks for the device name first, naming the disk's model and size. Refuses partitions, disks in use",
                "(mounted, swap, LVM/RAID) and the system disk."})
final class UsbWriteCommand extends BaseCommand {
    private static final int CHUNK = 4 << 20;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image file (zos-farmer image / zos-imagegen build --format usb|iso).")
    Path image;

    @Parameters(index = "1", paramLabel = "DEVICE", description = "The whole disk to overwrite, e.g. /dev/sdb.")
    Path device;

    @Option(names = "--yes", description = "Do not ask; for scripts that have checked the device themselves.")
    boolean yes;

    @Option(names = "--no-verify", description = "Skip reading the disk back after writing.")
    boolean noVerify;

    UsbWriteCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() throws IOException {
        if (!Files.isRegularFile(image)) {
            throw ZosException.notFound("image " + image + " does not exist");
        }
        long size = Files.size(image);
        BlockDevice disk = BlockDevice.of(device);
        disk.inUse(Path.of("/proc/self/mountinfo"), Path.of("/proc/swaps")).ifPresent(why -> {
            throw ZosException.forbidden("refusing to overwrite " + disk.path() + ": " + why);
        });
        if (size > disk.sizeBytes()) {
            throw ZosException.invalid(image + " (" + human(size) + ") does not fit on " + disk.path() + " (" + human(disk.sizeBytes()) + ")");
        }
        String what = disk.path() + " (" + disk.description() + ", " + human(disk.sizeBytes())
                + (disk.removable() ? ", removable" : "") + ")";
        if (!yes) {
            err().println("About to overwrite " + what + " with " + image.getFileName() + " (" + human(size) + ").");
            err().println("Everything on " + disk.path() + " will be lost.");
            err().print("Type the device name (" + disk.name() + ") to continue: ");
            err().flush();
            String answer = readLine();
            if (!answer.equals(disk.name()) && !answer.equals(disk.path().toString())) {
                throw ZosException.invalid("not confirmed; nothing was written to " + disk.path());
            }
        }
        Progress progress = new Progress(size);
        try (FileChannel in = FileChannel.open(image, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(disk.path(), StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
            long done = 0;
            while (done < size) {
                buffer.clear();
                int n = in.read(buffer, done);
                if (n < 0) {
                    throw ZosException.invalid(image + " shrank while being written");
                }
                buffer.flip();
                while (buffer.hasRemaining()) {
                    done += out.write(buffer, done);
                }
                progress.show("writing", done);
            }
            out.force(true);
        } catch (IOException e) {
            throw ZosException.unavailable("writing " + disk.path() + " failed: " + e.getMessage(), e);
        }
        progress.end();
        if (!noVerify) {
            verify(disk.path(), size, progress);
        }
        out().println("wrote " + image.getFileName() + " (" + human(size) + ") to " + what + (noVerify ? "" : ", verified"));
        return 0;
    }

    private String readLine() throws IOException {
        var reader = new java.io.BufferedReader(new java.io.InputStreamReader(context.stdin(), java.nio.charset.StandardCharsets.UTF_8));
        String line = reader.readLine();
        return line == null ? "" : line.strip();
    }

    private void verify(Path disk, long size, Progress progress) {
        try (FileChannel a = FileChannel.open(image, StandardOpenOption.READ);
             FileChannel b = FileChannel.open(disk, StandardOpenOption.READ)) {
            byte[] x = new byte[CHUNK];
            byte[] y = new byte[CHUNK];
            for (long done = 0; done < size; ) {
                int n = (int) Math.min(CHUNK, size - done);
                readFully(a, ByteBuffer.wrap(x, 0, n), done);
                readFully(b, ByteBuffer.wrap(y, 0, n), done);
                int at = Arrays.mismatch(x, 0, n, y, 0, n);
                if (at >= 0) {
                    throw new ZosException(ZosException.Kind.INTERNAL, disk + " differs from the image at byte " + (done + at)
                            + "; the stick may be failing");
                }
                done += n;
                progress.show("verifying", done);
            }
        } catch (IOException e) {
            throw ZosException.unavailable("reading " + disk + " back failed: " + e.getMessage(), e);
        }
        progress.end();
    }

    private static void readFully(FileChannel ch, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (ch.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end at byte " + (position + buffer.position()));
            }
        }
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
        return String.format(Locale.ROOT, "%.1f %siB", bytes / Math.pow(1024, unit), "KMGTPE".charAt(unit - 1));
    }

    /** A one-line progress indicator, only at a terminal. */
    private final class Progress {
        private final long total;
        private final long started = System.nanoTime();
        private long lastShown;

        Progress(long total) {
            this.total = total;
        }

        void show(String what, long done) {
            if (!context.interactive() || System.nanoTime() - lastShown < 200_000_000L && done < total) {
                return;
            }
            lastShown = System.nanoTime();
            double seconds = Math.max(1e-3, (lastShown - started) / 1e9);
            err().printf(Locale.ROOT, "\r%s %s / %s (%d%%, %s/s)   ", what, human(done), human(total),
                    total == 0 ? 100 : done * 100 / total, human((long) (done / seconds)));
            err().flush();
        }

        void end() {
            if (context.interactive()) {
                err().println();
            }
        }
    }
}
