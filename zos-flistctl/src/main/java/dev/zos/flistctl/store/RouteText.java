package dev.zos.flistctl.store;

import dev.zos.flist.meta.Route;
import dev.zos.flist.store.StoreUrls;

/** Routes as text: {@code xx-xx=url}, with the password shown as {@code ***} unless asked. */
final class RouteText {

    private RouteText() {
    }

    static String range(Route r) {
        return String.format("%02x-%02x", r.start(), r.end());
    }

    static String url(Route r, boolean showPassword) {
        return showPassword ? r.url() : masked(r.url());
    }

    /** {@code s3://key:secret@host/b} → {@code s3://key:***@host/b}; URLs without a password unchanged. */
    static String masked(String url) {
        String stripped = StoreUrls.stripPassword(url);
        if (stripped.equals(url)) {
            return url;
        }
        int s = url.indexOf("://") + 3;
        int at = stripped.indexOf('@', s);
        return stripped.substring(0, at) + ":***" + stripped.substring(at);
    }
}
