package dev.zos.flist.oci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a converted image says about its process, in the two places ThreeFold tools look:
 * <ul>
 * <li>{@code /.startup.toml}, as rfs's docker converter writes it: {@code [startup.entry]} named
 * {@code core.system} with {@code args.name} (the program: first word of Entrypoint, else of Cmd, else
 * {@code /bin/sh}), {@code args.args} (the rest of Entrypoint, then Cmd), {@code args.env} (Env split at the
 * first {@code =}) and {@code args.dir} (WorkingDir, default {@code /}). Zero-OS reads this file when it
 * starts a VM or container from the flist.</li>
 * <li>flist tags (rfs itself writes none for images): {@code entrypoint}, {@code cmd} and {@code env} as JSON
 * lists, {@code workdir} and {@code user} as text, plus {@code image}, {@code digest} and {@code platform} for the
 * source image; unset values are left out. Keys stay within the schema's 10 characters.</li>
 * </ul>
 */
final class StartupFile {

    static final String NAME = ".startup.toml";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StartupFile() {
    }

    static String toml(ImageConfig c) {
        String command = "";
        List<String> args = new ArrayList<>();
        if (!c.entrypoint().isEmpty()) {
            command = c.entrypoint().get(0);
            args.addAll(c.entrypoint().subList(1, c.entrypoint().size()));
            args.addAll(c.cmd());
        } else if (!c.cmd().isEmpty()) {
            command = c.cmd().get(0);
            args.addAll(c.cmd().subList(1, c.cmd().size()));
        }
        if (command.isEmpty()) {
            command = "/bin/sh";
        }
        Map<String, String> env = new TreeMap<>();
        for (String e : c.env()) {
            int i = e.indexOf('=');
            if (i > 0) {
                env.put(e.substring(0, i), e.substring(i + 1));
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("[startup.entry]\n");
        sb.append("name = ").append(quote("core.system")).append('\n');
        sb.append("\n[startup.entry.args]\n");
        sb.append("name = ").append(quote(command)).append('\n');
        sb.append("args = [");
        for (int i = 0; i < args.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(quote(args.get(i)));
        }
        sb.append("]\n");
        sb.append("dir = ").append(quote(c.workingDir().isEmpty() ? "/" : c.workingDir())).append('\n');
        sb.append("\n[startup.entry.args.env]\n");
        for (Map.Entry<String, String> e : env.entrySet()) {
            sb.append(key(e.getKey())).append(" = ").append(quote(e.getValue())).append('\n');
        }
        return sb.toString();
    }

    static Map<String, String> tags(ResolvedImage image) {
        ImageConfig c = image.config();
        Map<String, String> t = new LinkedHashMap<>();
        if (!image.ref().isEmpty()) {
            t.put("image", image.ref());
        }
        if (image.manifestDigest() != null) {
            t.put("digest", image.manifestDigest().toString());
        }
        if (!image.platform().toString().equals("unknown")) {
            t.put("platform", image.platform().toString());
        }
        if (!c.entrypoint().isEmpty()) {
            t.put("entrypoint", json(c.entrypoint()));
        }
        if (!c.cmd().isEmpty()) {
            t.put("cmd", json(c.cmd()));
        }
        if (!c.env().isEmpty()) {
            t.put("env", json(c.env()));
        }
        if (!c.workingDir().isEmpty()) {
            t.put("workdir", c.workingDir());
        }
        if (!c.user().isEmpty()) {
            t.put("user", c.user());
        }
        return t;
    }

    private static String json(List<String> list) {
        try {
            return JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(String k) {
        return k.matches("[A-Za-z0-9_-]+") ? k : quote(k);
    }

    /** A TOML basic string. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (ch < 0x20 || ch == 0x7f) {
                        sb.append(String.format("\\u%04X", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
