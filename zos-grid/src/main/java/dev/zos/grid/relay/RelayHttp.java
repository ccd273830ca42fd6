package dev.zos.grid.relay;

import dev.zos.core.ZosException;
import dev.zos.core.rmb.RmbAddress;
import dev.zos.grid.http.Http;
import dev.zos.grid.server.GridServer;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/** The relay on the grid's port: websocket upgrades at {@code /?<jwt>} and {@code /metrics}. */
public final class RelayHttp {
    private RelayHttp() {
    }

    public static GridServer.Interceptor upgrade(Relay relay) {
        return server -> WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxBinaryMessageSize(relay.options().maxEnvelopeBytes());
            container.setMaxTextMessageSize(1024);
            container.setIdleTimeout(relay.options().idleTimeout());
            container.addMapping("/", (request, response, callback) -> {
                try {
                    RmbAddress session = relay.authenticate(request.getHttpURI().getQuery());
                    return new RelaySocket(relay, session);
                } catch (ZosException e) {
                    relay.metrics().rejectedConnection(e.kind().name().toLowerCase());
                    int status = switch (e.kind()) {
                        case INVALID -> 400;
                        case NOT_FOUND, FORBIDDEN -> 401;
                        default -> 503;
                    };
                    Response.writeError(request, response, callback, status, e.getMessage());
                    return null;
                }
            });
        });
    }

    public static GridServer.Route metrics(Relay relay) {
        return new GridServer.Route(PathSpec.from("/metrics"), Http.handler((req, resp, cb) -> {
            Http.text(resp, cb, 200, "text/plain; version=0.0.4", relay.metrics().render());
            return true;
        }));
    }
}
