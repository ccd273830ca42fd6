package dev.zos.zdb;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads requests the way Redis clients send them: an array of bulk strings ({@code *2\r\n$3\r\nGET\r\n$1\r\nk\r\n}),
 * or an inline line of words ({@code PING\r\n}) as typed into a terminal. Sizes are bounded so a hostile client
 * cannot make the server allocate more than one value's worth of memory.
 */
final class RequestReader {

    static final int MAX_ARGUMENTS = 64;
    private static final int MAX_LINE = 64 * 1024;

    private final InputStream in;
    private final int maxBulk;

    RequestReader(InputStream in, int maxBulk) {
        this.in = in;
        this.maxBulk = maxBulk;
    }

    /** The next request's arguments, or null at a clean end of stream. An empty list is an empty request. */
    List<byte[]> next() throws IOException, RespProtocolException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        if (first != '*') {
            return inline(first);
        }
        long n = number(line());
        if (n <= 0) {
            return List.of();
        }
        if (n > MAX_ARGUMENTS) {
            throw new RespProtocolException("too many arguments (" + n + ", at most " + MAX_ARGUMENTS + ")");
        }
        List<byte[]> args = new ArrayList<>((int) n);
        // one value plus small arguments: a request never makes the server hold much more than one value
        long budget = (long) maxBulk + 64 * 1024;
        for (int i = 0; i < n; i++) {
            int type = in.read();
            if (type < 0) {
                throw new EOFException("connection closed inside a request");
            }
            if (type != '$') {
                throw new RespProtocolException("expected a bulk string ('$'), got '" + printable(type) + "'");
            }
            long len = number(line());
            if (len < 0 || len > maxBulk) {
                throw new RespProtocolException("bulk length " + len + " out of range (at most " + maxBulk + " bytes)");
            }
            budget -= len;
            if (budget < 0) {
                throw new RespProtocolException("request larger than " + ((long) maxBulk + 64 * 1024) + " bytes");
            }
            byte[] b = in.readNBytes((int) len);
            if (b.length != len) {
                throw new EOFException("connection closed inside a bulk string");
            }
            if (in.read() != '\r' || in.read() != '\n') {
                throw new RespProtocolException("bulk string not followed by CRLF");
            }
            args.add(b);
        }
        return args;
    }

    private List<byte[]> inline(int first) throws IOException, RespProtocolException {
        String text = (char) first + line();
        List<byte[]> args = new ArrayList<>();
        for (String w : text.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                args.add(w.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (args.size() > MAX_ARGUMENTS) {
            throw new RespProtocolException("too many arguments");
        }
        return args;
    }

    /** A line up to CRLF (or LF), without it. */
    private String line() throws IOException, RespProtocolException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed inside a request line");
            }
            if (c == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            if (sb.length() >= MAX_LINE) {
                throw new RespProtocolException("request line longer than " + MAX_LINE + " bytes");
            }
            sb.append((char) c);
        }
    }

    private static long number(String s) throws RespProtocolException {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new RespProtocolException("expected a number, got '" + (s.length() > 20 ? s.substring(0, 20) + "…" : s) + "'");
        }
    }

    private static String printable(int c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c);
    }
}
