package dev.zos.cli.deploy;

import java.io.PrintWriter;

/** A one-line activity indicator on stderr, shown only at a terminal; elsewhere it prints nothing. */
public final class Spinner {
    private static final String FRAMES = "|/-\\";
    private final PrintWriter err;
    private final boolean enabled;
    private int frame;
    private int width;

    public Spinner(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    void show(String text) {
        if (!enabled) {
            return;
        }
        String line = FRAMES.charAt(frame++ % FRAMES.length()) + " " + text;
        err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        width = line.length();
        err.flush();
    }

    void clear() {
        if (enabled && width > 0) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
            width = 0;
        }
    }
}
