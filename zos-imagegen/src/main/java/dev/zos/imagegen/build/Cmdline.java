package dev.zos.imagegen.build;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel command line of a node image: {@code quiet}, the console when asked, {@code panic=} so a refusing
 * node reboots, {@code farmer_id=}, {@code runmode=}, the grid ({@code zos-grid=}) and its registry and relay URLs,
 * {@code zos-debug} only when asked, then the extra words. The node reads it shell-style, last value winning.
 */
public final class Cmdline {
    public static final int PANIC_REBOOT_SECONDS = 10;

    private Cmdline() {
    }

    public static String of(BuildRequest r) {
        List<String> words = new ArrayList<>();
        words.add("quiet");
        if (r.console() != null) {
            words.add("console=" + (r.console().contains(",") ? r.console() : r.console() + ",115200"));
        }
        words.add("panic=" + PANIC_REBOOT_SECONDS);
        words.add("version=v3");
        words.add("runmode=" + r.runmode().value());
        words.add("farmer_id=" + r.farm());
        String grid = trimSlash(r.grid().toString());
        words.add("zos-grid=" + grid);
        words.add("registry=" + grid);
        words.add("relay=" + relay(r.grid()));
        if (r.debug()) {
            words.add("zos-debug");
        }
        if (r.extraCmdline() != null && !r.extraCmdline().isBlank()) {
            words.add(r.extraCmdline().strip());
        }
        return String.join(" ", words);
    }

    /** The relay's websocket URL on the grid's port: {@code ws://} for http, {@code wss://} for https. */
    static String relay(URI grid) {
        String scheme = "https".equals(grid.getScheme()) ? "wss" : "ws";
        return scheme + "://" + grid.getRawAuthority() + "/";
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
