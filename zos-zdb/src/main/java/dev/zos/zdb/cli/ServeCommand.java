package dev.zos.zdb.cli;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.core.ZosException;
import dev.zos.zdb.ZdbConfig;
import dev.zos.zdb.ZdbServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve namespaces from a data directory until stopped (SIGTERM or Ctrl-C).")
public final class ServeCommand extends BaseCommand {

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9900",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0-db's port is 9900).")
    String listen;

    @Option(names = "--data-dir", paramLabel = "DIR", required = true,
            description = "Directory holding one sub-directory per namespace (created if missing).")
    Path dataDir;

    @Option(names = "--admin-password-file", paramLabel = "FILE",
            description = "File whose first line is the admin password (AUTH). Without it every client is admin, as with 0-db.")
    Path adminPasswordFile;

    @Option(names = "--sync", description = "fsync every write (survives power loss, slower).")
    boolean sync;

    ServeCommand(CliContext context) {
        super(context);
    }

    static InetSocketAddress parseListen(String s) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw ZosException.invalid("bad --listen '" + s + "': use HOST:PORT, e.g. 127.0.0.1:9900");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(s.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(host, port);
        } catch (NumberFormatException e) {
            throw ZosException.invalid("bad --listen '" + s + "': the port must be a number from 0 to 65535");
        }
    }

    @Override
    protected int run() throws Exception {
        InetSocketAddress address = parseListen(listen);
        String password = null;
        if (adminPasswordFile != null) {
            try {
                password = Files.readAllLines(adminPasswordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
            } catch (IOException e) {
                throw ZosException.invalid("cannot read --admin-password-file " + adminPasswordFile + ": " + e.getMessage());
            }
            if (password.isEmpty()) {
                throw ZosException.invalid("--admin-password-file " + adminPasswordFile + " is empty");
            }
        }
        ZdbConfig config = new ZdbConfig(address, dataDir.toAbsolutePath(), password, sync, ZdbConfig.DEFAULT_MAX_VALUE);
        ZdbServer server;
        try {
            server = ZdbServer.start(config);
        } catch (IOException e) {
            throw ZosException.unavailable("zos-zdb cannot start: " + e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (IOException ignored) {
                // exiting anyway
            }
            stopped.countDown();
        }));
        out().println("zos-zdb listening on " + server.address().getHostString() + ":" + server.port()
                + ", data in " + config.dataDir() + ", namespaces: " + String.join(", ", server.namespaces().names()));
        out().flush();
        stopped.await();
        return 0;
    }
}
