package dev.zos.flist.store.zdb;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One RESP connection to a 0-db: sends a command of bulk strings and reads one reply. 0-db's commands
 * (SELECT with a password, NSNEW, SET replying with the key) are plain to send this way; no Redis client's
 * connection handshake is needed. Replies: String (simple), {@link ErrorReply} (returned, not thrown),
 * Long, byte[] (bulk), null (nil), List (array).
 */
final class RespConnection implements Closeable {

    /** A {@code -message} reply. */
    record ErrorReply(String message) {
    }

    private static final int MAX_BULK = 64 << 20;

    private final Closeable channel;
    private final InputStream in;
    private final OutputStream out;

    private RespConnection(Closeable channel, InputStream in, OutputStream out) {
        this.channel = channel;
        this.in = new BufferedInputStream(in, 64 * 1024);
        this.out = new BufferedOutputStream(out, 64 * 1024);
    }

    static RespConnection connect(ZdbUrl url, int timeoutMillis) throws IOException {
        if (url.socket() != null) {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(url.socket()));
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            return new RespConnection(ch, Channels.newInputStream(ch), Channels.newOutputStream(ch));
        }
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(url.host(), url.port()), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            s.setTcpNoDelay(true);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return new RespConnection(s, s.getInputStream(), s.getOutputStream());
    }

    Object call(byte[]... args) throws IOException {
        out.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : args) {
            out.write(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(a);
            out.write('\r');
            out.write('\n');
        }
        out.flush();
        return read();
    }

    Object call(String command, byte[]... args) throws IOException {
        byte[][] all = new byte[args.length + 1][];
        all[0] = command.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(args, 0, all, 1, args.length);
        return call(all);
    }

    private Object read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("the server closed the connection");
        }
        String line = line();
        switch (type) {
            case '+':
                return line;
            case '-':
                return new ErrorReply(line);
            case ':':
                return parse(line);
            case '$': {
                long n = parse(line);
                if (n < 0) {
                    return null;
                }
                if (n > MAX_BULK) {
                    throw new IOException("reply of " + n + " bytes is larger than any block");
                }
                byte[] b = in.readNBytes((int) n);
                if (b.length != n || in.read() != '\r' || in.read() != '\n') {
                    throw new EOFException("reply cut short");
                }
                return b;
            }
            case '*': {
                long n = parse(line);
                if (n < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>();
                for (long i = 0; i < n; i++) {
                    items.add(read());
                }
                return items;
            }
            default:
                throw new IOException("not a RESP reply (type byte 0x" + Integer.toHexString(type) + ")");
        }
    }

    private static long parse(String s) throws IOException {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IOException("bad number in reply: " + s);
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("reply cut short");
            }
            if (c == '\r') {
                if (in.read() != '\n') {
                    throw new IOException("bad line ending in reply");
                }
                return sb.toString();
            }
            if (sb.length() > 4096) {
                throw new IOException("reply line too long");
            }
            sb.append((char) c);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to do with a broken connection
        }
    }
}
