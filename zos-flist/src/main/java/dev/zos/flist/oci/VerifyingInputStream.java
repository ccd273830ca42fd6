package dev.zos.flist.oci;

import dev.zos.core.ZosException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Hashes and counts what is read through it; {@link #verify()} reads the rest and checks the digest and the size.
 * Nothing read from a blob may be trusted before {@code verify()} returned.
 */
final class VerifyingInputStream extends FilterInputStream {

    private final Digest expected;
    private final long expectedSize;
    private final String what;
    private final MessageDigest hasher;
    private long count;

    /**
     * @param expectedSize the size the manifest declares, or -1 when it declares none
     * @param what         names the blob in errors ({@code layer 2 (sha256:…) of …})
     */
    VerifyingInputStream(InputStream in, Digest expected, long expectedSize, String what) {
        super(in);
        this.expected = expected;
        this.expectedSize = expectedSize;
        this.what = what;
        this.hasher = expected.newHasher();
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            hasher.update((byte) b);
            count++;
            checkSize();
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            hasher.update(b, off, n);
            count += n;
            checkSize();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(n, 65536)];
        int r = read(buf, 0, buf.length);
        return Math.max(r, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    long count() {
        return count;
    }

    private void checkSize() {
        if (expectedSize >= 0 && count > expectedSize) {
            throw ZosException.invalid(what + " is larger than the " + expectedSize
                    + " bytes its manifest declares: refusing a tampered or corrupt image");
        }
    }

    /** Reads to the end, then fails unless size and digest match. */
    void verify() throws IOException {
        byte[] buf = new byte[65536];
        while (read(buf, 0, buf.length) >= 0) {
            // drain
        }
        if (expectedSize >= 0 && count != expectedSize) {
            throw ZosException.invalid(what + " has " + count + " bytes but its manifest declares " + expectedSize
                    + ": refusing a truncated or corrupt image");
        }
        String actual = HexFormat.of().formatHex(hasher.digest());
        if (!actual.equals(expected.hex())) {
            throw ZosException.invalid(what + " does not match its digest: expected " + expected + ", got "
                    + expected.algorithm() + ":" + actual + " (tampered or corrupt image)");
        }
    }
}
