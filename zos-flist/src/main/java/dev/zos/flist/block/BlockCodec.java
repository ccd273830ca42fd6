package dev.zos.flist.block;

import dev.zos.core.hash.Blake2b256;
import dev.zos.flist.meta.BlockRef;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.xerial.snappy.Snappy;

/**
 * The rfs block pipeline: {@code key = BLAKE2b-256(plain)}, raw Snappy, AES-256-GCM with
 * {@code nonce = key[0..12]}, no AAD, tag appended, {@code id = BLAKE2b-256(ciphertext ‖ tag)}.
 *
 * <p>An instance holds reusable buffers and is <b>not</b> thread-safe: use one per thread.
 */
public final class BlockCodec {

    /** Block size of the flist format: 512 KiB. */
    public static final int BLOCK_SIZE = 512 * 1024;
    static final int TAG_BYTES = 16;
    static final int NONCE_BYTES = 12;

    private final Blake2b256 blake = Blake2b256.create();
    private byte[] compressed = new byte[Snappy.maxCompressedLength(BLOCK_SIZE)];
    private byte[] sealed = new byte[compressed.length + TAG_BYTES];
    private Cipher cipher;
    private byte[] lastKey;
    private int sealedLength;

    /** The result of {@link #encode}: the ref and the stored bytes (valid until the next call). */
    public record Encoded(BlockRef ref, byte[] buffer, int length) {
        public byte[] bytes() {
            return Arrays.copyOf(buffer, length);
        }
    }

    /** {@code BLAKE2b-256(data[off, off+len))}. */
    public byte[] hash(byte[] data, int off, int len) {
        return blake.hash(data, off, len);
    }

    /** Computes the key of a plaintext block (step 1 only). */
    public byte[] key(byte[] plain, int off, int len) {
        return hash(plain, off, len);
    }

    /** Encodes a plaintext block whose key is already known (see {@link #key}). */
    public Encoded encode(byte[] key, byte[] plain, int off, int len) {
        try {
            if (len > BLOCK_SIZE && Snappy.maxCompressedLength(len) > compressed.length) {
                compressed = new byte[Snappy.maxCompressedLength(len)];
                sealed = new byte[compressed.length + TAG_BYTES];
            }
            int clen = Snappy.rawCompress(plain, off, len, compressed, 0);
            Cipher c = cipherFor(key, Cipher.ENCRYPT_MODE);
            sealedLength = c.doFinal(compressed, 0, clen, sealed, 0);
            byte[] id = hash(sealed, 0, sealedLength);
            return new Encoded(new BlockRef(id, key), sealed, sealedLength);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("block encoding failed: " + e.getMessage(), e);
        }
    }

    /** Encodes a plaintext block. */
    public Encoded encode(byte[] plain, int off, int len) {
        return encode(key(plain, off, len), plain, off, len);
    }

    /**
     * Verifies and decodes a stored block. Never returns bytes that fail any check.
     *
     * @throws BlockCorruptException when the id, the GCM tag, the compression or the key does not match
     */
    public byte[] decode(BlockRef ref, byte[] stored) {
        byte[] id = ref.id();
        if (!MessageDigest.isEqual(hash(stored, 0, stored.length), id)) {
            throw new BlockCorruptException(id, "content hash does not match its id");
        }
        byte[] comp;
        try {
            comp = cipherFor(ref.key(), Cipher.DECRYPT_MODE).doFinal(stored);
        } catch (AEADBadTagException e) {
            throw new BlockCorruptException(id, "authentication tag check failed (wrong key or tampered data)");
        } catch (GeneralSecurityException e) {
            throw new BlockCorruptException(id, "cannot decrypt: " + e.getMessage());
        }
        byte[] plain;
        try {
            if (!Snappy.isValidCompressedBuffer(comp, 0, comp.length)) {
                throw new BlockCorruptException(id, "not valid snappy data");
            }
            int n = Snappy.uncompressedLength(comp, 0, comp.length);
            if (n < 0 || n > 64 * 1024 * 1024) {
                throw new BlockCorruptException(id, "implausible uncompressed length " + n);
            }
            plain = new byte[n];
            Snappy.rawUncompress(comp, 0, comp.length, plain, 0);
        } catch (IOException e) {
            throw new BlockCorruptException(id, "cannot decompress: " + e.getMessage());
        }
        if (!MessageDigest.isEqual(hash(plain, 0, plain.length), ref.key())) {
            throw new BlockCorruptException(id, "decrypted content does not match its key");
        }
        return plain;
    }

    private Cipher cipherFor(byte[] key, int mode) throws GeneralSecurityException {
        // The JDK refuses to re-initialise one GCM cipher for encryption with the key/iv it just used;
        // equal blocks legitimately reuse both, so take a fresh instance then.
        if (cipher == null || (mode == Cipher.ENCRYPT_MODE && Arrays.equals(lastKey, key))) {
            cipher = Cipher.getInstance("AES/GCM/NoPadding");
        }
        cipher.init(mode, new SecretKeySpec(key, "AES"),
                new GCMParameterSpec(TAG_BYTES * 8, key, 0, NONCE_BYTES));
        lastKey = mode == Cipher.ENCRYPT_MODE ? key : null;
        return cipher;
    }
}
