package dev.zos.core.hash;

import java.nio.ByteBuffer;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * One-shot BLAKE2b-256, the hash of the flist block pipeline and of image manifests.
 *
 * <p>It runs on libsodium ({@code crypto_generichash}, Debian's {@code libsodium23}) when the library loads:
 * its AVX2 code hashes ~800 MB/s per core here against Bouncy Castle's ~200–300 MB/s, and packing an flist
 * hashes every block twice. Without libsodium, or with {@code ZOS_BLAKE2B=java}, Bouncy Castle does the work;
 * both give the same digests (the tests pin them to RFC 7693 / reference vectors).
 *
 * <p>An instance is <b>not</b> thread-safe (the fallback keeps state): use one per thread.
 */
public final class Blake2b256 {

    public static final int LENGTH = 32;

    private static final Sodium SODIUM = "java".equals(System.getenv("ZOS_BLAKE2B")) ? null : Sodium.loadOrNull();

    private final Sodium sodium;
    private final Blake2bDigest digest;

    private Blake2b256(Sodium sodium) {
        this.sodium = sodium;
        this.digest = sodium == null ? new Blake2bDigest(LENGTH * 8) : null;
    }

    /** A hasher on the fastest backend this process has. */
    public static Blake2b256 create() {
        return new Blake2b256(SODIUM);
    }

    /**
     * A hasher on Bouncy Castle whatever is installed. The image check uses it: under QEMU's TCG libsodium's AVX2
     * code is emulated and hashes half as fast as Bouncy Castle compiled by C1 (16 s against 36 s for the image).
     */
    public static Blake2b256 portable() {
        return new Blake2b256(null);
    }

    static boolean nativeAvailable() {
        return SODIUM != null;
    }

    /** {@code libsodium} or {@code bouncycastle}: what {@link #create()} hashes with. */
    public static String backend() {
        return SODIUM != null ? "libsodium" : "bouncycastle";
    }

    public byte[] hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    public byte[] hash(byte[] data, int off, int len) {
        byte[] out = new byte[LENGTH];
        hash(data, off, len, out);
        return out;
    }

    /** Writes {@code BLAKE2b-256(data[off, off+len))} into {@code out[0..32)}. */
    public void hash(byte[] data, int off, int len, byte[] out) {
        java.util.Objects.checkFromIndexSize(off, len, data.length);
        if (out.length < LENGTH) {
            throw new IllegalArgumentException("output needs " + LENGTH + " bytes, has " + out.length);
        }
        if (sodium != null) {
            if (sodium.crypto_generichash(out, LENGTH, ByteBuffer.wrap(data, off, len).slice(), len, null, 0) != 0) {
                throw new IllegalStateException("libsodium crypto_generichash failed");
            }
            return;
        }
        digest.reset();
        digest.update(data, off, len);
        digest.doFinal(out, 0);
    }

    /**
     * {@code BLAKE2b-256} of the buffer's remaining bytes (its position moves to its limit). A direct buffer, e.g. a
     * mapped file, goes to libsodium without a copy; the image's manifest check hashes its files this way.
     */
    public byte[] hash(ByteBuffer data) {
        byte[] out = new byte[LENGTH];
        if (sodium != null && data.isDirect()) {
            int len = data.remaining();
            if (sodium.crypto_generichash(out, LENGTH, data.slice(), len, null, 0) != 0) {
                throw new IllegalStateException("libsodium crypto_generichash failed");
            }
            data.position(data.limit());
            return out;
        }
        if (sodium != null) {
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            return hash(copy);
        }
        digest.reset();
        byte[] chunk = new byte[Math.min(1 << 16, Math.max(1, data.remaining()))];
        while (data.hasRemaining()) {
            int n = Math.min(chunk.length, data.remaining());
            data.get(chunk, 0, n);
            digest.update(chunk, 0, n);
        }
        digest.doFinal(out, 0);
        return out;
    }

    /** The libsodium calls we use, bound through jnr-ffi; the ByteBuffer form passes a heap slice without a copy back. */
    public interface Sodium {
        int sodium_init();

        int crypto_generichash(@Out byte[] out, long outlen, @In ByteBuffer in, long inlen, @In byte[] key, long keylen);

        private static Sodium loadOrNull() {
            try {
                Sodium lib = LibraryLoader.create(Sodium.class).failImmediately().load("sodium");
                return lib.sodium_init() >= 0 ? lib : null;
            } catch (LinkageError | RuntimeException e) {
                return null;
            }
        }
    }
}
