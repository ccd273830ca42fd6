package dev.zos.flist.meta;

import dev.zos.core.ZosException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The editable part of an flist: its tags (in order) and its routes. Validated on construction, so an edit that
 * would write a bad tag or route fails before anything is written.
 */
public record FlistMetadata(Map<String, String> tags, List<Route> routes) {

    /** Longest tag key and value accepted (rfs declares VARCHAR(255) for values; SQLite does not enforce it). */
    public static final int MAX_TAG_KEY = 255;
    public static final int MAX_TAG_VALUE = 4096;

    public FlistMetadata {
        tags.forEach(FlistMetadata::checkTag);
        tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        routes = List.copyOf(routes);
    }

    /** Checks one tag; the message names the bad key or value. */
    public static void checkTag(String key, String value) {
        if (key == null || key.isEmpty() || key.length() > MAX_TAG_KEY || key.indexOf('=') >= 0
                || key.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw ZosException.invalid("bad tag key '" + key + "': keys are 1-" + MAX_TAG_KEY
                    + " characters without '=', spaces or control characters");
        }
        if (value == null || value.length() > MAX_TAG_VALUE
                || value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
            throw ZosException.invalid("bad value for tag '" + key + "': values are at most " + MAX_TAG_VALUE
                    + " characters without control characters");
        }
    }

    /** Parses {@code key=value} (the value may be empty or contain '='). */
    public static Map.Entry<String, String> parseTag(String keyEqualsValue) {
        int i = keyEqualsValue.indexOf('=');
        if (i <= 0) {
            throw ZosException.invalid("bad tag '" + keyEqualsValue + "': write it as key=value, e.g. version=1.0");
        }
        String key = keyEqualsValue.substring(0, i);
        String value = keyEqualsValue.substring(i + 1);
        checkTag(key, value);
        return Map.entry(key, value);
    }

    public FlistMetadata withTags(Map<String, String> newTags) {
        return new FlistMetadata(newTags, routes);
    }

    /** These tags set (replacing values of the same keys) and the {@code removed} keys gone. */
    public FlistMetadata withTagChanges(Map<String, String> set, java.util.Set<String> removed) {
        var next = new java.util.LinkedHashMap<>(tags);
        next.keySet().removeAll(removed);
        next.putAll(set);
        return new FlistMetadata(next, routes);
    }

    public FlistMetadata withRoutes(List<Route> newRoutes) {
        return new FlistMetadata(tags, newRoutes);
    }
}
