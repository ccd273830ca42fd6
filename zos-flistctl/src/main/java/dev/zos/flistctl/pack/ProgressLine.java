package dev.zos.flistctl.pack;

import dev.zos.flist.pack.PackProgress;
import dev.zos.flistctl.Sizes;

import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * A one-line progress display over {@link PackProgress} snapshots, redrawn in place with a carriage return.
 * Used only when the tool runs at a terminal; plain text, so it needs no colour handling.
 */
final class ProgressLine implements Consumer<PackProgress> {

    private final PrintWriter err;
    private int lastWidth;

    ProgressLine(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void accept(PackProgress p) {
        String line = String.format("packing: %,d files, %s, dedup %s, %s", p.files(), Sizes.bytes(p.bytes()),
                Sizes.bytes(p.dedupBytes()), Sizes.rate(p.bytesPerSecond()));
        int pad = Math.max(0, lastWidth - line.length());
        err.print("\r" + line + " ".repeat(pad));
        err.flush();
        lastWidth = line.length();
    }

    /** Clears the line so the summary starts on a clean one. */
    synchronized void finish() {
        if (lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
        }
    }
}
