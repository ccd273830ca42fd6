package dev.zos.grid.explorer;

import dev.zos.core.ZosException;
import dev.zos.core.registry.client.Paging;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * A request's query parameters, read strictly: an unknown name, a scalar given twice, an empty value or a
 * malformed number is an INVALID whose one-line message names the parameter. List parameters take comma
 * lists and may also be repeated ({@code farm_ids=1,2&farm_ids=3}).
 */
final class Query {
    /** grid-proxy's defaults: page 1, 50 per page. */
    static final int DEFAULT_SIZE = 50;
    static final Set<String> PAGING = Set.of("page", "size", "ret_count");
    private static final Pattern DIGITS = Pattern.compile("^[0-9]+$");

    private final Map<String, List<String>> values;

    private Query(Map<String, List<String>> values) {
        this.values = values;
    }

    /** Reads the query of {@code request}, refusing any parameter not in {@code allowed}. */
    static Query of(Request request, Set<String> allowed) {
        Fields fields;
        try {
            fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw ZosException.invalid("malformed query string: check its percent-encoding");
        }
        var values = new LinkedHashMap<String, List<String>>();
        for (String name : fields.getNames()) {
            if (!allowed.contains(name)) {
                throw ZosException.invalid(allowed.isEmpty()
                        ? "unknown parameter '" + clip(name) + "': this path takes no parameters"
                        : "unknown parameter '" + clip(name) + "'; valid: " + String.join(", ", new TreeSet<>(allowed)));
            }
            values.put(name, List.copyOf(fields.getValues(name)));
        }
        return new Query(values);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** A scalar parameter, or null when absent. */
    String string(String name) {
        List<String> v = values.get(name);
        if (v == null) {
            return null;
        }
        if (v.size() > 1) {
            throw ZosException.invalid("parameter '" + name + "' is given " + v.size() + " times; give it once");
        }
        if (v.getFirst().isEmpty()) {
            throw ZosException.invalid("parameter '" + name + "' is empty");
        }
        return v.getFirst();
    }

    /** The items of a list parameter (comma list and/or repeated), empty when absent. */
    List<String> list(String name) {
        var out = new ArrayList<String>();
        for (String v : values.getOrDefault(name, List.of())) {
            for (String item : v.split(",", -1)) {
                String t = item.strip();
                if (t.isEmpty()) {
                    throw ZosException.invalid("parameter '" + name + "' has an empty item; use a comma list like 1,2,3");
                }
                out.add(t);
            }
        }
        return out;
    }

    /** A whole number ≥ 0, or null when absent. */
    Long count(String name) {
        String v = string(name);
        return v == null ? null : number(name, v, 0);
    }

    /** A positive id, or null when absent. */
    Long id(String name) {
        String v = string(name);
        return v == null ? null : number(name, v, 1);
    }

    /** A list of positive ids. */
    Set<Long> ids(String name) {
        var out = new LinkedHashSet<Long>();
        list(name).forEach(v -> out.add(number(name, v, 1)));
        return out;
    }

    /** A list of words mapped through {@code parse}; {@code valid} names the accepted words in the error. */
    <T> Set<T> words(String name, Function<String, T> parse, String valid) {
        var out = new LinkedHashSet<T>();
        for (String v : list(name)) {
            T t = parse.apply(v.toLowerCase(Locale.ROOT));
            if (t == null) {
                throw ZosException.invalid("parameter '" + name + "' must be one of " + valid + ", got '" + clip(v) + "'");
            }
            out.add(t);
        }
        return out;
    }

    boolean bool(String name, boolean fallback) {
        String v = string(name);
        if (v == null) {
            return fallback;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ZosException.invalid("parameter '" + name + "' must be true or false, got '" + clip(v) + "'");
        };
    }

    /** {@code page} (from 1, default 1) and {@code size} (1..{@value Paging#MAX_SIZE}, default 50). */
    Paging paging() {
        Long page = count("page");
        Long size = count("size");
        if (page != null && (page < 1 || page > Integer.MAX_VALUE)) {
            throw ZosException.invalid("parameter 'page' must be 1 to " + Integer.MAX_VALUE + ", got " + page);
        }
        if (size != null && (size < 1 || size > Paging.MAX_SIZE)) {
            throw ZosException.invalid("parameter 'size' must be 1 to " + Paging.MAX_SIZE + ", got " + size);
        }
        return new Paging(page == null ? 1 : page.intValue(), size == null ? DEFAULT_SIZE : size.intValue());
    }

    boolean retCount() {
        return bool("ret_count", false);
    }

    /** {@code sort_order}: asc (default) or desc, in any case; true for desc. */
    boolean descending() {
        String v = string("sort_order");
        if (v == null) {
            return false;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "asc" -> false;
            case "desc" -> true;
            default -> throw ZosException.invalid("parameter 'sort_order' must be asc or desc, got '" + clip(v) + "'");
        };
    }

    private static long number(String name, String v, long min) {
        if (v.startsWith("-")) {
            throw ZosException.invalid("parameter '" + name + "' must not be negative, got '" + clip(v) + "'");
        }
        if (!DIGITS.matcher(v).matches()) {
            throw ZosException.invalid("parameter '" + name + "' must be a whole number, got '" + clip(v) + "'");
        }
        long n;
        try {
            n = v.length() > 19 ? -1 : Long.parseLong(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw ZosException.invalid("parameter '" + name + "' is too large: " + clip(v));
        }
        if (n < min) {
            throw ZosException.invalid("parameter '" + name + "' must be " + min + " or more, got " + n);
        }
        return n;
    }

    /** Echoes client text safely: printable, on one line, at most 64 characters. */
    static String clip(String s) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 64 ? t.substring(0, 64) + "…" : t;
    }
}
