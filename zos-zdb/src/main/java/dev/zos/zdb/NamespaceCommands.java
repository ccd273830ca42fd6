package dev.zos.zdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;

/** NSNEW, NSDEL, NSINFO, NSSET and SELECT, with 0-db's replies. */
final class NamespaceCommands {

    private final Namespaces namespaces;
    private final Commands commands;

    NamespaceCommands(Namespaces namespaces, Commands commands) {
        this.namespaces = namespaces;
        this.commands = commands;
    }

    /** The namespace named by argument {@code i}, or null after replying with the error. */
    private Namespace namespaceArg(List<byte[]> a, int i, ReplyWriter w) throws IOException {
        if (a.get(i).length > Namespaces.MAX_NAME) {
            w.error("Namespace too long");
            return null;
        }
        String name = Namespaces.decode(a.get(i));
        Namespace ns = name == null ? null : namespaces.get(name);
        if (ns == null) {
            w.error("Namespace not found");
        }
        return ns;
    }

    void nsnew(Session s, List<byte[]> a, ReplyWriter w) throws IOException {
        if (!commands.admin(s, w) || !Commands.args(a, 2, w)) {
            return;
        }
        if (a.get(1).length > Namespaces.MAX_NAME) {
            w.error("Namespace too long");
            return;
        }
        String name = Namespaces.decode(a.get(1));
        if (!Namespaces.validName(name)) {
            w.error("This name is not allowed");
            return;
        }
        try {
            if (namespaces.create(name)) {
                w.ok();
            } else {
                w.error("This namespace is not available");
            }
        } catch (IOException e) {
            w.error("Could not create namespace");
        }
    }

    void nsdel(Session s, List<byte[]> a, ReplyWriter w) throws IOException {
        if (!commands.admin(s, w) || !Commands.args(a, 2, w)) {
            return;
        }
        String name = Namespaces.decode(a.get(1));
        if (Namespaces.DEFAULT.equals(name)) {
            w.error("Cannot remove default namespace");
            return;
        }
        Namespace ns = name == null ? null : namespaces.get(name);
        if (ns == null) {
            w.error("This namespace doesn't exists");
            return;
        }
        if (ns == s.namespace) {
            w.error("Cannot remove namespace you're currently using.");
            return;
        }
        try {
            namespaces.delete(name);
            w.ok();
        } catch (IOException e) {
            w.error("Could not delete this namespace");
        }
    }

    void nsinfo(Session s, List<byte[]> a, ReplyWriter w) throws IOException {
        if (!Commands.args(a, 2, w)) {
            return;
        }
        Namespace ns = namespaceArg(a, 1, w);
        if (ns == null) {
            return;
        }
        NamespaceSettings st = ns.settings();
        long data = ns.dataSize();
        StringBuilder b = new StringBuilder("# namespace\n")
                .append("name: ").append(ns.name()).append('\n')
                .append("entries: ").append(ns.entries()).append('\n')
                .append("public: ").append(st.isPublic() ? "yes" : "no").append('\n')
                .append("worm: no\n")
                .append("locked: no\n")
                .append("password: ").append(st.password() != null ? "yes" : "no").append('\n')
                .append("data_size_bytes: ").append(data).append('\n')
                .append(String.format(Locale.ROOT, "data_size_mb: %.2f%n", data / 1048576.0))
                .append("data_limits_bytes: ").append(st.maxSize()).append('\n')
                .append("index_size_bytes: ").append(ns.fileSize()).append('\n')
                .append(String.format(Locale.ROOT, "index_size_kb: %.2f%n", ns.fileSize() / 1024.0))
                .append("mode: ").append(st.mode().infoName()).append('\n');
        if (st.maxSize() > 0) {
            b.append("space_available: ").append(Math.max(0, st.maxSize() - data)).append('\n');
        }
        try {
            FileStore fs = Files.getFileStore(ns.dir());
            long free = fs.getUsableSpace();
            b.append("data_disk_freespace_bytes: ").append(free).append('\n')
                    .append(String.format(Locale.ROOT, "data_disk_freespace_mb: %.2f%n", free / 1048576.0));
        } catch (IOException e) {
            // free space is informative only
        }
        w.bulk(b.toString());
    }

    void nsset(Session s, List<byte[]> a, ReplyWriter w) throws IOException {
        if (!commands.admin(s, w) || !Commands.args(a, 4, w)) {
            return;
        }
        if (a.get(3).length > 63) {
            w.error("Invalid value");
            return;
        }
        if (Namespaces.DEFAULT.equals(Namespaces.decode(a.get(1)))) {
            w.error("Cannot update default namespace");
            return;
        }
        Namespace ns = namespaceArg(a, 1, w);
        if (ns == null) {
            return;
        }
        String property = Commands.text(a.get(2));
        String value = Commands.text(a.get(3));
        NamespaceSettings st = ns.settings();
        NamespaceSettings next;
        switch (property) {
            case "maxsize" -> {
                try {
                    next = st.withMaxSize(Long.parseLong(value));
                } catch (IllegalArgumentException e) {
                    w.error("Invalid value");
                    return;
                }
            }
            case "password" -> next = st.withPassword(value.equals("*") ? null : value);
            case "public" -> next = st.withPublic(value.startsWith("1"));
            case "mode" -> {
                NamespaceSettings.Mode m = switch (value) {
                    case "user" -> NamespaceSettings.Mode.USER;
                    case "seq" -> NamespaceSettings.Mode.SEQ;
                    default -> null;
                };
                if (m == null) {
                    w.error("Invalid property value (expected: user, seq)");
                    return;
                }
                if (!ns.isFresh()) {
                    w.error("Cannot change mode of used namespace");
                    return;
                }
                next = st.withMode(m);
            }
            default -> {
                w.error("Invalid property");
                return;
            }
        }
        try {
            ns.updateSettings(next);
            w.ok();
        } catch (IOException e) {
            w.error("Could not save namespace settings");
        }
    }

    void select(Session s, List<byte[]> a, ReplyWriter w) throws IOException {
        if (a.size() < 2) {
            w.error("Invalid argument");
            return;
        }
        if (a.size() > 3) {
            w.error("Too many arguments");
            return;
        }
        Namespace ns = namespaceArg(a, 1, w);
        if (ns == null) {
            return;
        }
        boolean writable = true;
        String password = ns.settings().password();
        if (password != null) {
            if (a.size() < 3) {
                if (!ns.settings().isPublic()) {
                    w.error("Namespace protected and private");
                    return;
                }
                writable = false;
            } else if (!MessageDigest.isEqual(a.get(2), password.getBytes(StandardCharsets.UTF_8))) {
                w.error("Access denied");
                return;
            }
        }
        s.namespace = ns;
        s.writable = writable;
        w.ok();
    }
}
