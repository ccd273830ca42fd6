package dev.zos.flist.store;

/** Helpers for store URLs. */
public final class StoreUrls {

    private StoreUrls() {
    }

    /** The scheme of {@code url} in lower case, or "" when it has none. */
    public static String scheme(String url) {
        int i = url.indexOf("://");
        return i <= 0 ? "" : url.substring(0, i).toLowerCase(java.util.Locale.ROOT);
    }

    /** Removes the password from the user-info part: {@code s3://key:secret@host/b} → {@code s3://key@host/b}. */
    public static String stripPassword(String url) {
        int s = url.indexOf("://");
        if (s < 0) {
            return url;
        }
        int start = s + 3;
        int end = url.length();
        for (int i = start; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        String authority = url.substring(start, end);
        int at = authority.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        String userInfo = authority.substring(0, at);
        int colon = userInfo.indexOf(':');
        if (colon < 0) {
            return url;
        }
        return url.substring(0, start) + userInfo.substring(0, colon) + authority.substring(at) + url.substring(end);
    }
}
