package dev.zos.grid.registry.store;

import dev.zos.core.ZosException;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The scaled-out store: PostgreSQL through JDBC. Accepts {@code postgres://user:pass@host:port/db?params},
 * {@code postgresql://…} and {@code jdbc:postgresql://…}. A session advisory lock keeps a second registry
 * process from writing the same log (schema).
 */
public final class PostgresRegistryStore extends JdbcRegistryStore {
    public static final String SCHEME = "postgres";
    private final String described;

    private PostgresRegistryStore(Connection connection, String described) {
        this(connection, described, true);
    }

    private PostgresRegistryStore(Connection connection, String described, boolean prepareTables) {
        super(connection, "BYTEA", prepareTables);
        this.described = described;
    }

    public static PostgresRegistryStore open(String url) {
        String jdbc = jdbcUrl(url);
        String safe = redact(jdbc);
        Connection c;
        try {
            c = DriverManager.getConnection(jdbc);
        } catch (SQLException e) {
            throw ZosException.unavailable("cannot connect to registry database " + safe + ": " + e.getMessage(), e);
        }
        try (var st = c.createStatement();
             var rs = st.executeQuery("SELECT pg_try_advisory_lock(hashtext('zos-registry:' || current_schema()))")) {
            if (!rs.next() || !rs.getBoolean(1)) {
                c.close();
                throw new ZosException(ZosException.Kind.CONFLICT,
                        "registry database " + safe + " is already in use by another registry process");
            }
        } catch (SQLException e) {
            throw ZosException.unavailable("cannot lock registry database " + safe + ": " + e.getMessage(), e);
        }
        return new PostgresRegistryStore(c, "postgres " + safe);
    }

    /** Connects read-only and without the writer's advisory lock, for checks that run next to a serving grid. */
    public static PostgresRegistryStore openForReading(String url) {
        String jdbc = jdbcUrl(url);
        String safe = redact(jdbc);
        try {
            Connection c = DriverManager.getConnection(jdbc);
            c.setReadOnly(true);
            return new PostgresRegistryStore(c, "postgres " + safe, false);
        } catch (SQLException e) {
            throw ZosException.unavailable("cannot connect to registry database " + safe + ": " + e.getMessage(), e);
        }
    }

    /** Converts {@code postgres://user:pass@host:port/db?x=y} to pgjdbc's URL form (user and password as parameters). */
    public static String jdbcUrl(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return url;
        }
        if (!url.startsWith("postgres://") && !url.startsWith("postgresql://")) {
            throw ZosException.invalid("not a PostgreSQL URL (postgres://user:pass@host:port/db): " + redact(url));
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ZosException.invalid("malformed PostgreSQL URL: " + e.getReason());
        }
        if (uri.getHost() == null) {
            throw ZosException.invalid("a PostgreSQL URL needs a host: postgres://user:pass@host:port/db");
        }
        var sb = new StringBuilder("jdbc:postgresql://").append(uri.getHost().contains(":") && !uri.getHost().startsWith("[")
                ? "[" + uri.getHost() + "]" : uri.getHost());
        if (uri.getPort() > 0) {
            sb.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath();
        sb.append(path == null || path.isEmpty() ? "/" : path);
        var params = new StringBuilder();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            String user = URLDecoder.decode(colon < 0 ? userInfo : userInfo.substring(0, colon), StandardCharsets.UTF_8);
            params.append("user=").append(URLEncoder.encode(user, StandardCharsets.UTF_8));
            if (colon >= 0) {
                String pass = URLDecoder.decode(userInfo.substring(colon + 1), StandardCharsets.UTF_8);
                params.append("&password=").append(URLEncoder.encode(pass, StandardCharsets.UTF_8));
            }
        }
        if (uri.getRawQuery() != null) {
            params.append(params.isEmpty() ? "" : "&").append(uri.getRawQuery());
        }
        if (!params.isEmpty()) {
            sb.append('?').append(params);
        }
        return sb.toString();
    }

    static String redact(String url) {
        return url.replaceAll("password=[^&]*", "password=***").replaceAll("://([^:/@]+):[^@/]*@", "://$1:***@");
    }

    @Override
    public String describe() {
        return described;
    }
}
