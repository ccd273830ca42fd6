package dev.zos.qemu;

import dev.zos.core.ZosException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One QMP command to a running QEMU over its unix socket: read the greeting, leave capabilities negotiation, send the
 * command, wait for its {@code return} (events that arrive in between are skipped). Only commands without
 * arguments; the harness needs {@code system_reset}.
 */
final class QmpCommand {
    private QmpCommand() {
    }

    /** Runs {@code command}; fails naming QEMU's error, or when QEMU does not answer within {@code timeout}. */
    static void execute(Path socket, String command, Duration timeout) {
        if (!command.matches("[a-z_-]+")) {
            throw new IllegalArgumentException("not a QMP command name: " + command);
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            // unix channels have no read timeout: a watchdog closes the channel when QEMU does not answer in time
            var in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
            Thread watchdog = Thread.ofVirtual().unstarted(() -> {
                try {
                    Thread.sleep(timeout);
                    ch.close();
                } catch (InterruptedException | IOException ignored) {
                    // answered in time, or already closed
                }
            });
            watchdog.start();
            try {
                String greeting = in.readLine();
                if (greeting == null || !greeting.contains("\"QMP\"")) {
                    throw unavailable(socket, "no QMP greeting: " + greeting);
                }
                send(ch, "{\"execute\":\"qmp_capabilities\"}");
                awaitReturn(in, socket, "qmp_capabilities");
                send(ch, "{\"execute\":\"" + command + "\"}");
                awaitReturn(in, socket, command);
            } finally {
                watchdog.interrupt();
            }
        } catch (IOException e) {
            throw unavailable(socket, command + " failed: " + e.getMessage());
        }
    }

    private static void send(SocketChannel ch, String json) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static void awaitReturn(BufferedReader in, Path socket, String command) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.contains("\"return\"")) {
                return;
            }
            if (line.contains("\"error\"")) {
                throw unavailable(socket, command + " refused: " + line.strip());
            }
        }
        throw unavailable(socket, "QEMU closed the QMP connection before answering " + command);
    }

    private static ZosException unavailable(Path socket, String what) {
        return new ZosException(ZosException.Kind.UNAVAILABLE, "QMP " + socket + ": " + what);
    }
}
