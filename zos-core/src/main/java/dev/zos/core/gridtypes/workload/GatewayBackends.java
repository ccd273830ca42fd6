package dev.zos.core.gridtypes.workload;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.FieldPath;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The rules zos applies to gateway backends: with TLS passthrough a backend is {@code ip:port};
 * otherwise an {@code http://ip[:port]} URL whose host is an IP that is not loopback.
 */
final class GatewayBackends {
    private GatewayBackends() {
    }

    static void check(List<String> backends, boolean tlsPassthrough, FieldPath at) {
        at.require(!backends.isEmpty(), "backends list cannot be empty");
        for (int i = 0; i < backends.size(); i++) {
            String b = backends.get(i);
            FieldPath p = at.index(i);
            if (tlsPassthrough) {
                checkIpPort(b, p);
            } else {
                checkUrl(b, p);
            }
        }
    }

    private static void checkIpPort(String backend, FieldPath at) {
        int colon = backend.lastIndexOf(':');
        at.require(colon > 0, "'" + backend + "' must be ip:port when tls_passthrough is set");
        String host = backend.substring(0, colon);
        String port = backend.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else {
            at.require(host.indexOf(':') < 0, "'" + backend + "': an IPv6 address must be in brackets, [addr]:port");
        }
        at.require(literalIp(host) != null, "'" + backend + "' has an invalid ip '" + host + "'");
        at.require(port.matches("\\d{1,5}") && Integer.parseInt(port) <= 65535,
                "'" + backend + "' has an invalid port '" + port + "'");
    }

    private static void checkUrl(String backend, FieldPath at) {
        URI uri;
        try {
            uri = new URI(backend);
        } catch (URISyntaxException e) {
            throw at.invalid("'" + backend + "' is not a URL");
        }
        at.require("http".equals(uri.getScheme()), "'" + backend + "': scheme must be http");
        String host = uri.getHost() == null ? "" : uri.getHost().replaceAll("^\\[|]$", "");
        InetAddress ip = literalIp(host);
        at.require(ip != null && !ip.isLoopbackAddress(), "'" + backend + "' has an invalid ip address '" + host + "'");
    }

    /** Only IP literals: never resolves a name. */
    private static InetAddress literalIp(String host) {
        try {
            dev.zos.core.gridtypes.IpAddress.parse(host);
            return host.isEmpty() ? null : InetAddress.getByName(host);
        } catch (ZosException | UnknownHostException e) {
            return null;
        }
    }
}
