package dev.zos.zdb;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A 0-db compatible server: RESP over TCP, one virtual thread per connection, namespaces kept in append-only
 * files under the data directory. Start with {@link #start}, stop with {@link #close}.
 */
public final class ZdbServer implements Closeable {

    private static final Logger LOG = Logger.getLogger(ZdbServer.class.getName());

    private final ZdbConfig config;
    private final Namespaces namespaces;
    private final Commands commands;
    private final ServerSocket server;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private ZdbServer(ZdbConfig config, Namespaces namespaces, ServerSocket server) {
        this.config = config;
        this.namespaces = namespaces;
        this.commands = new Commands(namespaces, config, Clock.systemUTC());
        this.server = server;
        this.acceptor = Thread.ofPlatform().name("zdb-accept-" + server.getLocalPort()).daemon(true).unstarted(this::acceptLoop);
    }

    /** Opens the namespaces under the data directory (cutting torn tails), binds and starts serving. */
    public static ZdbServer start(ZdbConfig config) throws IOException {
        Namespaces ns = Namespaces.open(config.dataDir(), config.sync());
        ServerSocket ss;
        try {
            ss = new ServerSocket();
            ss.setReuseAddress(true);
            ss.bind(config.listen(), 128);
        } catch (IOException e) {
            ns.close();
            throw new IOException("cannot listen on " + config.listen() + ": " + e.getMessage(), e);
        }
        ZdbServer s = new ZdbServer(config, ns, ss);
        s.acceptor.start();
        return s;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    public int port() {
        return server.getLocalPort();
    }

    public Namespaces namespaces() {
        return namespaces;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                open.add(s);
                connections.execute(() -> serve(s));
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "accept failed", e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            ReplyWriter out = new ReplyWriter(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
            RequestReader requests = new RequestReader(in, config.maxValueSize());
            Session session = commands.newSession();
            while (true) {
                List<byte[]> request;
                try {
                    request = requests.next();
                } catch (RespProtocolException e) {
                    out.error("Protocol error: " + e.getMessage());
                    out.flush();
                    return;
                }
                if (request == null) {
                    return;
                }
                boolean keep = commands.dispatch(session, request, out);
                // pipelined requests share one flush
                if (!keep || in.available() == 0) {
                    out.flush();
                }
                if (!keep) {
                    return;
                }
            }
        } catch (SocketException e) {
            // peer went away or the server is closing
        } catch (IOException e) {
            if (!closed) {
                LOG.log(Level.FINE, "connection ended", e);
            }
        } finally {
            open.remove(socket);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        connections.shutdown();
        try {
            connections.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        namespaces.close();
    }
}
