package dev.zos.node.boot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kernel command line as the node reads it ({@code /proc/cmdline}): words split shell-style
 * (single and double quotes, backslash escapes), each {@code key[=value]}; a key given twice keeps its last value.
 */
public record KernelCmdline(Map<String, String> values) {

    public KernelCmdline {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static KernelCmdline parse(String line) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String word : words(line)) {
            int eq = word.indexOf('=');
            String key = eq < 0 ? word : word.substring(0, eq);
            String value = eq < 0 ? "" : word.substring(eq + 1);
            map.remove(key); // last one wins, and takes the last place
            map.put(key, value);
        }
        return new KernelCmdline(map);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    cur.append(line.charAt(++i));
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(cur.toString());
        }
        return out;
    }
}
