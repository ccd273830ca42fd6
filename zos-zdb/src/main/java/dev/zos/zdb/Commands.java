package dev.zos.zdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The command table and its handlers, with 0-db's replies (error texts included, since clients match on them).
 * Admin-only commands: NSNEW, NSDEL, NSSET and SET with an explicit timestamp. Namespace commands live in
 * {@link NamespaceCommands}.
 */
final class Commands {

    static final int MAX_KEY = 255;
    static final int SCAN_PAGE = 100;

    @FunctionalInterface
    private interface Handler {
        void run(Session s, List<byte[]> a, ReplyWriter w) throws IOException;
    }

    private final Namespaces namespaces;
    private final ZdbConfig config;
    private final Clock clock;
    private final long bootTime;
    final AtomicLong clients = new AtomicLong();
    private final AtomicLong executed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong unauthorized = new AtomicLong();
    private final Map<String, Handler> table = new HashMap<>();

    Commands(Namespaces namespaces, ZdbConfig config, Clock clock) {
        this.namespaces = namespaces;
        this.config = config;
        this.clock = clock;
        this.bootTime = clock.millis() / 1000;
        table.put("PING", (s, a, w) -> w.simple("PONG"));
        table.put("TIME", this::time);
        table.put("AUTH", this::auth);
        table.put("INFO", this::info);
        table.put("SET", this::set);
        table.put("SETX", this::set);
        table.put("GET", this::get);
        table.put("DEL", this::del);
        table.put("EXISTS", this::exists);
        table.put("CHECK", this::check);
        table.put("SCAN", this::scan);
        table.put("SCANX", this::scan);
        table.put("DBSIZE", (s, a, w) -> w.integer(s.namespace.entries()));
        NamespaceCommands ns = new NamespaceCommands(namespaces, this);
        table.put("NSNEW", ns::nsnew);
        table.put("NSDEL", ns::nsdel);
        table.put("NSLIST", (s, a, w) -> w.bulkArray(namespaces.names()));
        table.put("NSINFO", ns::nsinfo);
        table.put("NSSET", ns::nsset);
        table.put("SELECT", ns::select);
    }

    Session newSession() {
        clients.incrementAndGet();
        return new Session(namespaces.defaultNamespace(), config.adminPassword() == null);
    }

    /** Runs one request; false when the connection must be closed afterwards. */
    boolean dispatch(Session s, List<byte[]> a, ReplyWriter w) throws IOException {
        if (a.isEmpty()) {
            return true;
        }
        if (s.namespace.isDeleted()) {
            w.error("Your active namespace is not available anymore (probably removed).");
            return false;
        }
        String name = new String(a.get(0), StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
        Handler h = table.get(name);
        if (h == null) {
            failed.incrementAndGet();
            w.error("Command not supported");
            return true;
        }
        executed.incrementAndGet();
        h.run(s, a, w);
        return true;
    }

    // ---- argument checks, as 0-db words them

    static boolean args(List<byte[]> a, int n, ReplyWriter w) throws IOException {
        if (a.size() != n) {
            w.error("Unexpected arguments");
            return false;
        }
        for (byte[] b : a) {
            if (b.length == 0) {
                w.error("Invalid argument");
                return false;
            }
        }
        return true;
    }

    boolean admin(Session s, ReplyWriter w) throws IOException {
        if (!s.admin) {
            unauthorized.incrementAndGet();
            w.error("Permission denied");
            return false;
        }
        return true;
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private long now() {
        return clock.millis() / 1000;
    }

    // ---- system

    private void time(Session s, List<byte[]> a, ReplyWriter w) throws IOException {
        long micros = clock.millis() * 1000;
        w.arrayHeader(2);
        w.bulk(Long.toString(micros / 1_000_000));
        w.bulk(Long.toString(micros % 1_000_000));
    }

    private void auth(Session s, List<byte[]> a, ReplyWriter w) throws IOException {
        if (config.adminPassword() == null) {
            w.error("Authentication disabled");
            return;
        }
        if (!args(a, 2, w)) {
            return;
        }
        if (MessageDigest.isEqual(a.get(1), config.adminPassword().getBytes(StandardCharsets.UTF_8))) {
            s.admin = true;
            w.ok();
        } else {
            w.error("Access denied");
        }
    }

    private void info(Session s, List<byte[]> a, ReplyWriter w) throws IOException {
        long now = now();
        String info = "# server\n"
                + "server_name: 0-db (zdb)\n"
                + "server_revision: zos-zdb\n"
                + "boot_time: " + bootTime + "\n"
                + "uptime: " + (now - bootTime) + "\n"
                + "\n# clients\n"
                + "clients_lifetime: " + clients.get() + "\n"
                + "\n# stats\n"
                + "commands_executed: " + executed.get() + "\n"
                + "commands_failed: " + failed.get() + "\n"
                + "commands_unauthorized: " + unauthorized.get() + "\n";
        w.bulk(info);
    }

    // ---- data

    private void set(Session s, List<byte[]> a, ReplyWriter w) throws IOException {
        long ts = now();
        if (a.size() == 4) {
            if (!admin(s, w)) {
                return;
            }
            try {
                ts = Long.parseLong(text(a.get(3)));
            } catch (NumberFormatException e) {
                w.error("Invalid timestamp");
                return;
            }
        } else if (a.size() != 3) {
            w.error("Unexpected arguments");
            return;
        }
        byte[] key = a.get(1);
        if (key.length > MAX_KEY) {
            w.error("Key too large");
            return;
        }
        if (!s.writable) {
            w.error("Namespace is in read-only mode");
            return;
        }
        Namespace ns = s.namespace;
        try {
            if (ns.settings().mode() == NamespaceSettings.Mode.SEQ) {
                byte[] id = ns.setSequential(key, a.get(2), ts);
                if (id == null) {
                    w.nil();
                } else {
                    w.bulk(id);
                }
                return;
            }
            if (key.length == 0) {
                w.error("Invalid argument, key needed");
                return;
            }
            if (ns.set(key, a.get(2), ts) == Namespace.SetResult.UNCHANGED) {
                w.nil();
            } else {
                w.bulk(key);
            }
        } catch (Namespace.SpaceException e) {
            w.error("No space left on this namespace");
        } catch (IllegalArgumentException e) {
            w.error(e.getMessage());
        } catch (IOException e) {
            w.error("Cannot write data right now");
        }
    }

    private boolean keyArg(List<byte[]> a, ReplyWriter w) throws IOException {
        if (!args(a, 2, w)) {
            return false;
        }
        if (a.get(1).length > MAX_KEY) {
            w.error("Invalid key");
            return false;
        }
        return true;
    }

    private void get(Session s, List<byte[]> a, ReplyWriter w) throws IOException {
        if (!keyArg(a, w)) {
            return;
        }
        byte[] v;
        try {
            v = s.namespace.get(a.get(1));
        } catch (IOException e) {
            w.error("Internal Error");
            return;
        }
        if (v == null) {
            w.nil();
        } else {
            w.bulk(v);
        }
    }

    private void exists(Session s, List<byte[]> a, ReplyWriter w) throws IOException {
        if (keyArg(a, w)) {
            w.integer(s.namespace.exists(a.get(1)) ? 1 : 0);
        }
    }

    private void check(Session s, List<byte[]> a, ReplyWriter w) throws IOException {
        if (!keyArg(a, w)) {
            return;
        }
        Boolean ok = s.namespace.check(a.get(1));
        if (ok == null) {
            w.nil();
        } else {
            w.integer(ok ? 1 : 0);
        }
    }

    private void del(Session s, List<byte[]> a, ReplyWriter w) throws IOException {
        if (!keyArg(a, w)) {
            return;
        }
        if (!s.writable) {
            w.error("Namespace is in read-only mode");
            return;
        }
        try {
            if (s.namespace.delete(a.get(1), now())) {
                w.ok();
            } else {
                w.error("Key not found");
            }
        } catch (IOException e) {
            w.error("Cannot delete key");
        }
    }

    private void scan(Session s, List<byte[]> a, ReplyWriter w) throws IOException {
        if (a.size() > 2) {
            w.error("Unexpected arguments");
            return;
        }
        Namespace.ScanPage page;
        try {
            page = s.namespace.scan(a.size() == 2 ? a.get(1) : null, SCAN_PAGE);
        } catch (IllegalArgumentException e) {
            w.error("Invalid key format");
            return;
        }
        if (page.items().isEmpty()) {
            w.error("No more data");
            return;
        }
        w.arrayHeader(2);
        w.bulk(page.next());
        w.arrayHeader(page.items().size());
        for (Namespace.ScanItem it : page.items()) {
            w.arrayHeader(3);
            w.bulk(it.key());
            w.integer(it.size());
            w.integer(it.timestamp());
        }
    }
}
