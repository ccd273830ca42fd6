package dev.zos.flist.meta;

/**
 * One row of the {@code route} table: block ids whose first byte is in {@code [start, end]} live at {@code url}.
 */
public record Route(int start, int end, String url) {

    public Route {
        if (start < 0 || start > 255 || end < 0 || end > 255 || start > end) {
            throw new IllegalArgumentException("route range must be within 00-ff and start <= end, got "
                    + start + "-" + end);
        }
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("route url must not be empty");
        }
    }

    public static Route all(String url) {
        return new Route(0, 255, url);
    }

    public boolean matches(int firstByte) {
        int b = firstByte & 0xff;
        return b >= start && b <= end;
    }
}
