package dev.zos.core.gridtypes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Go's zero values: an absent or null JSON field decodes to "", 0, false or an empty list in
 * ThreeFold's Go types, and hashes that way. Records normalise through here so the same input
 * hashes identically and no caller ever sees a null collection.
 */
public final class Defaults {
    private Defaults() {
    }

    public static String text(String value) {
        return value == null ? "" : value;
    }

    /** An unmodifiable copy; a null element is refused because Go would not produce one either. */
    public static <T> List<T> list(List<T> values) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        for (T v : values) {
            if (v == null) {
                throw new IllegalArgumentException("a list element is null");
            }
        }
        return Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** Sorted so that JSON output is stable; the challenge sorts by UTF-8 bytes on its own. */
    public static Map<String, String> map(Map<String, String> values) {
        if (values == null || values.isEmpty()) {
            return Map.of();
        }
        var copy = new TreeMap<String, String>();
        values.forEach((k, v) -> copy.put(k, text(v)));
        return Collections.unmodifiableMap(copy);
    }
}
