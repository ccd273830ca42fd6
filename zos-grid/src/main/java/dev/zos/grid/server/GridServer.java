package dev.zos.grid.server;

import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grid's one HTTP port: each feature (explorer, relay, hub, boot server) contributes its routes.
 * Stops gracefully: requests in flight finish, then connections close.
 */
public final class GridServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GridServer.class);

    /** A path and the handler serving it. */
    public record Route(PathSpec path, Handler handler) {
    }

    private final Server server;
    private final ServerConnector connector;

    /** Something that sees every request before the routes, e.g. the relay's websocket upgrade. */
    public interface Interceptor {
        Handler.Wrapper create(Server server);
    }

    public GridServer(GridConfig.Listen listen, List<Route> routes) {
        this(listen, routes, List.of());
    }

    public GridServer(GridConfig.Listen listen, List<Route> routes, List<Interceptor> interceptors) {
        var threads = new QueuedThreadPool(200, 8);
        threads.setName("grid-http");
        server = new Server(threads);
        connector = new ServerConnector(server);
        connector.setHost(listen.host());
        connector.setPort(listen.port());
        server.addConnector(connector);
        var mappings = new PathMappingsHandler();
        for (Route r : routes) {
            mappings.addMapping(r.path(), r.handler());
        }
        Handler inner = mappings;
        for (Interceptor interceptor : interceptors.reversed()) {
            Handler.Wrapper wrapper = interceptor.create(server);
            wrapper.setHandler(inner);
            inner = wrapper;
        }
        server.setHandler(new GracefulHandler(inner));
        server.setStopTimeout(5_000);
        server.setStopAtShutdown(false);
    }

    public GridServer start() throws Exception {
        server.start();
        LOG.info("listening on {}:{}", connector.getHost(), connector.getLocalPort());
        return this;
    }

    public int port() {
        return connector.getLocalPort();
    }

    public String host() {
        return connector.getHost();
    }

    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
