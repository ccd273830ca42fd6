package dev.zos.farmer.image;

import java.io.PrintWriter;
import java.util.Locale;

/** A one-line download bar on stderr, redrawn at most five times a second; only used at a terminal. */
final class TerminalProgress implements BootDownload.Progress {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final boolean plain;
    private String name;
    private long total;
    private long started;
    private long lastShown;

    TerminalProgress(PrintWriter err, boolean noColor) {
        this.err = err;
        this.plain = noColor;
    }

    @Override
    public void waiting(String name) {
        err.print("\r\033[K" + name + ": waiting for the grid (it builds an image on its first request)");
        err.flush();
    }

    @Override
    public void start(String name, long total) {
        this.name = name;
        this.total = total;
        this.started = System.nanoTime();
        this.lastShown = 0;
    }

    @Override
    public void accept(long done) {
        long now = System.nanoTime();
        if (now - lastShown < 200_000_000L && done != total) {
            return;
        }
        lastShown = now;
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        String rate = human((long) (done / seconds)) + "/s";
        String line;
        if (total > 0) {
            int filled = (int) (WIDTH * Math.min(done, total) / total);
            String bar = (plain ? "#" : "█").repeat(filled) + (plain ? "." : "░").repeat(WIDTH - filled);
            line = String.format(Locale.ROOT, "%s [%s] %s / %s %3d%% %s", name, bar, human(done), human(total), done * 100 / total, rate);
        } else {
            line = name + " " + human(done) + " " + rate;
        }
        err.print("\r\033[K" + line);
        err.flush();
    }

    @Override
    public void end() {
        err.println();
        err.flush();
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
        return String.format(Locale.ROOT, "%.1f %siB", bytes / Math.pow(1024, unit), "KMGTPE".charAt(unit - 1));
    }
}
