package dev.zos.qemu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal QMP client over QEMU's unix socket ({@code -qmp unix:PATH,server=on,wait=off}): capabilities negotiation,
 * commands, and the events QEMU sends (SHUTDOWN when the guest powers off under {@code -no-shutdown}).
 */
final class Qmp implements AutoCloseable {
    private final SocketChannel channel;
    private final OutputStream out;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Thread reader;

    private Qmp(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.out = Channels.newOutputStream(channel);
        var in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        reader = new Thread(() -> {
            try {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.contains("\"event\"")) {
                        events.add(line);
                    } else {
                        replies.add(line);
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }, "qmp-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects once QEMU has created the socket, and leaves capabilities negotiation mode. */
    static Qmp connect(Path socket, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(socket)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("QEMU did not create its QMP socket " + socket);
            }
            Thread.sleep(50);
        }
        SocketChannel ch;
        while (true) {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
                break;
            } catch (java.net.ConnectException e) {
                ch.close(); // bound but not listening yet
                if (System.nanoTime() > end) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
        Qmp qmp = new Qmp(ch);
        qmp.reply(timeout); // the greeting
        qmp.execute("qmp_capabilities", timeout);
        return qmp;
    }

    /** Runs {@code command}; returns QEMU's reply line, failing on an error reply. */
    String execute(String command, Duration timeout) throws Exception {
        out.write(("{\"execute\":\"" + command + "\"}\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        String reply = reply(timeout);
        if (reply.contains("\"error\"")) {
            throw new AssertionError("QMP " + command + " failed: " + reply);
        }
        return reply;
    }

    private String reply(Duration timeout) throws InterruptedException {
        String r = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError("no QMP reply within " + timeout.toSeconds() + " s");
        }
        return r;
    }

    /** Waits for an event named {@code name}; returns its line. */
    String awaitEvent(String name, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            synchronized (events) {
                for (String e : events) {
                    if (e.contains("\"event\": \"" + name + "\"") || e.contains("\"event\":\"" + name + "\"")) {
                        events.remove(e);
                        return e;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no QMP " + name + " event within " + timeout.toSeconds() + " s; events: " + events);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
