package dev.zos.grid.bench;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A deliberately small RFC 6455 client for load generation: blocking socket, frames built ahead of time
 * (masked with a random key each), many frames per write, and a reader that parses frames in place.
 * It costs far less CPU per envelope than a general-purpose client, so on a 2-core machine most of the
 * CPU is left to the relay being measured.
 */
final class BenchWebSocket implements Closeable {
    static final int OP_BINARY = 2;
    static final int OP_CLOSE = 8;
    static final int OP_PING = 9;
    static final int OP_PONG = 10;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    /** The payload of the last frame read by {@link #readFrame}; valid until the next call. */
    byte[] payload = new byte[64 * 1024];
    int payloadLength;

    private BenchWebSocket(Socket socket, InputStream in) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
    }

    static BenchWebSocket connect(String host, int port, String token, int bufferSize) throws IOException {
        var socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 10_000);
        socket.setSoTimeout(30_000);
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        String request = "GET /?" + token + " HTTP/1.1\r\n"
                + "Host: " + host + ":" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream in = bufferSize > 0 ? new BufferedInputStream(socket.getInputStream(), bufferSize) : socket.getInputStream();
        // read the response head byte by byte so nothing after it is consumed
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("relay closed during the upgrade: " + head);
            }
            head.append((char) b);
            if (head.length() > 16 * 1024) {
                throw new IOException("upgrade response too long");
            }
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("upgrade refused: " + head.toString().lines().findFirst().orElse(""));
        }
        return new BenchWebSocket(socket, in);
    }

    void soTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** A masked client frame carrying {@code data} (FIN set). */
    static byte[] frame(int opcode, byte[] data) {
        int len = data.length;
        int header = len < 126 ? 2 : len < 65536 ? 4 : 10;
        byte[] f = new byte[header + 4 + len];
        f[0] = (byte) (0x80 | opcode);
        if (len < 126) {
            f[1] = (byte) (0x80 | len);
        } else if (len < 65536) {
            f[1] = (byte) (0x80 | 126);
            f[2] = (byte) (len >>> 8);
            f[3] = (byte) len;
        } else {
            f[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                f[2 + i] = (byte) ((long) len >>> (56 - 8 * i));
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        System.arraycopy(mask, 0, f, header, 4);
        for (int i = 0; i < len; i++) {
            f[header + 4 + i] = (byte) (data[i] ^ mask[i & 3]);
        }
        return f;
    }

    synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
    }

    void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    /**
     * Reads the next frame; answers pings itself. Returns the opcode, with the payload in
     * {@link #payload}[0, {@link #payloadLength}), or -1 at end of stream.
     */
    int readFrame() throws IOException {
        while (true) {
            int b0 = in.read();
            if (b0 < 0) {
                return -1;
            }
            int b1 = readByte();
            long len = b1 & 0x7f;
            if (len == 126) {
                len = (readByte() << 8) | readByte();
            } else if (len == 127) {
                len = 0;
                for (int i = 0; i < 8; i++) {
                    len = (len << 8) | readByte();
                }
            }
            if ((b1 & 0x80) != 0) {
                throw new IOException("server frames must not be masked");
            }
            if (len > 16 * 1024 * 1024) {
                throw new IOException("frame too large: " + len);
            }
            if (payload.length < len) {
                payload = new byte[(int) len];
            }
            readFully(payload, (int) len);
            payloadLength = (int) len;
            int opcode = b0 & 0x0f;
            if (opcode == OP_PING) {
                byte[] data = new byte[payloadLength];
                System.arraycopy(payload, 0, data, 0, payloadLength);
                write(frame(OP_PONG, data));
                continue;
            }
            if ((b0 & 0x80) == 0) {
                throw new IOException("fragmented frames are not expected from the relay here");
            }
            return opcode;
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    private void readFully(byte[] buf, int len) throws IOException {
        int off = 0;
        while (off < len) {
            int n = in.read(buf, off, len - off);
            if (n < 0) {
                throw new EOFException();
            }
            off += n;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
