package dev.zos.zdb;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes RESP replies. Not thread-safe: one per connection. */
final class ReplyWriter {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] NIL = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;

    ReplyWriter(OutputStream out) {
        this.out = out;
    }

    void ok() throws IOException {
        simple("OK");
    }

    void simple(String s) throws IOException {
        ascii("+" + s);
        out.write(CRLF);
    }

    /** An error line; 0-db sends bare messages after '-', without Redis's ERR prefix. */
    void error(String message) throws IOException {
        ascii("-" + message.replace('\r', ' ').replace('\n', ' '));
        out.write(CRLF);
    }

    void integer(long n) throws IOException {
        ascii(":" + n);
        out.write(CRLF);
    }

    void nil() throws IOException {
        out.write(NIL);
    }

    void bulk(byte[] b) throws IOException {
        bulk(b, 0, b.length);
    }

    void bulk(byte[] b, int off, int len) throws IOException {
        ascii("$" + len);
        out.write(CRLF);
        out.write(b, off, len);
        out.write(CRLF);
    }

    void bulk(String s) throws IOException {
        bulk(s.getBytes(StandardCharsets.UTF_8));
    }

    void arrayHeader(int n) throws IOException {
        ascii("*" + n);
        out.write(CRLF);
    }

    void bulkArray(List<String> items) throws IOException {
        arrayHeader(items.size());
        for (String s : items) {
            bulk(s);
        }
    }

    void flush() throws IOException {
        out.flush();
    }

    private void ascii(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
    }
}
