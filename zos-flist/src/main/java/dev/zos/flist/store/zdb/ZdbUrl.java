package dev.zos.flist.store.zdb;

import dev.zos.core.ZosException;
import dev.zos.flist.store.StoreUrls;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A parsed {@code zdb://[user[:password]@]host[:port][/namespace]} (port 9900 by default), or
 * {@code zdb:///path/to/socket} for a Unix socket, as rfs reads them. The password is the namespace's: it goes
 * with {@code SELECT}, not {@code AUTH}; the user name is accepted and ignored, as rfs does.
 *
 * @param host null for a Unix socket
 * @param namespace null for the default namespace
 */
public record ZdbUrl(String host, int port, Path socket, String namespace, String password) {

    public static final int DEFAULT_PORT = 9900;

    public static ZdbUrl parse(String url) {
        String safe = StoreUrls.stripPassword(url);
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw ZosException.invalid("bad zdb store URL " + safe + ": " + e.getReason());
        }
        if (!"zdb".equalsIgnoreCase(u.getScheme())) {
            throw ZosException.invalid("not a zdb:// store URL: " + safe);
        }
        String ui = u.getRawUserInfo();
        String password = null;
        if (ui != null && ui.indexOf(':') >= 0) {
            password = URLDecoder.decode(ui.substring(ui.indexOf(':') + 1), StandardCharsets.UTF_8);
        }
        String path = u.getPath() == null ? "" : u.getPath();
        if (u.getHost() == null) {
            if (u.getRawAuthority() != null) {
                throw ZosException.invalid("bad zdb store URL " + safe + ": cannot read the host");
            }
            if (path.isEmpty() || path.equals("/")) {
                throw ZosException.invalid("bad zdb store URL " + safe + ": give host[:port][/namespace] or the path of a Unix socket");
            }
            return new ZdbUrl(null, 0, Path.of(path), null, password);
        }
        String ns = path.replaceAll("^/+|/+$", "");
        if (ns.contains("/")) {
            throw ZosException.invalid("bad zdb store URL " + safe + ": the path is one namespace name, got '" + ns + "'");
        }
        return new ZdbUrl(u.getHost(), u.getPort() < 0 ? DEFAULT_PORT : u.getPort(), null, ns.isEmpty() ? null : ns, password);
    }

    /** Whether connections must {@code SELECT} a namespace first (anything but the default one). */
    public boolean selects() {
        return namespace != null && !namespace.equals("default");
    }
}
