package dev.zos.zdb;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run a server: where to listen, where the namespaces live, the admin password (null: every client is
 * admin, as 0-db without {@code --admin}), whether each write is fsync'ed, and the largest value accepted.
 */
public record ZdbConfig(InetSocketAddress listen, Path dataDir, String adminPassword, boolean sync, int maxValueSize) {

    /** 0-db's own default payload limit. */
    public static final int DEFAULT_MAX_VALUE = 8 * 1024 * 1024;

    public ZdbConfig {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(dataDir, "dataDir");
        if (adminPassword != null && adminPassword.isEmpty()) {
            throw new IllegalArgumentException("the admin password must not be empty (leave it unset for no password)");
        }
        if (maxValueSize < 1) {
            throw new IllegalArgumentException("maxValueSize must be positive");
        }
    }

    /** Loopback, an ephemeral port, no admin password: for tests and local use. */
    public static ZdbConfig local(Path dataDir) {
        return new ZdbConfig(new InetSocketAddress("127.0.0.1", 0), dataDir, null, false, DEFAULT_MAX_VALUE);
    }

    public ZdbConfig withAdminPassword(String password) {
        return new ZdbConfig(listen, dataDir, password, sync, maxValueSize);
    }

    public ZdbConfig withListen(InetSocketAddress address) {
        return new ZdbConfig(address, dataDir, adminPassword, sync, maxValueSize);
    }

    public ZdbConfig withSync(boolean s) {
        return new ZdbConfig(listen, dataDir, adminPassword, s, maxValueSize);
    }
}
