package dev.zos.zdb;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * One namespace's append-only data file. Every change (a value, a deletion) is one record appended at the end;
 * nothing is ever rewritten. Record layout (big-endian):
 *
 * <pre>
 *  0 u8  magic 0xDB          4 u32 value length      16 u32 CRC32C of the value
 *  1 u8  flags (1 = delete)  8 u64 timestamp (s)     20 u32 CRC32C of bytes 0..20 and the key
 *  2 u8  key length          then the key, then the value
 *  3 u8  reserved (0)
 * </pre>
 *
 * Opening replays the file. A process killed in the middle of an append leaves a torn last record: a short
 * header, key or value, or a checksum that does not match. Such a tail is cut off (the file is truncated back to
 * the last whole record), so the log again ends on a record boundary. Header checksums are verified for every
 * record, value checksums for the records in the last {@link #TAIL_VERIFY} bytes, where a torn write can be.
 */
final class DataLog implements Closeable {

    static final byte[] FILE_MAGIC = "ZOSZDB\0\1".getBytes(StandardCharsets.ISO_8859_1);
    static final int HEADER = 24;
    static final int FLAG_DELETED = 1;
    private static final int RECORD_MAGIC = 0xDB;
    private static final long TAIL_VERIFY = 16L << 20;

    /** One record's header and key; the value stays on disk. */
    record Record(long offset, int flags, byte[] key, int valueLength, long timestamp, int valueCrc) {
        boolean deleted() {
            return (flags & FLAG_DELETED) != 0;
        }

        long valueOffset() {
            return offset + HEADER + key.length;
        }

        long end() {
            return valueOffset() + valueLength;
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final boolean sync;
    private long size;
    private final long truncated;

    private DataLog(Path file, FileChannel channel, boolean sync, long size, long truncated) {
        this.file = file;
        this.channel = channel;
        this.sync = sync;
        this.size = size;
        this.truncated = truncated;
    }

    /** Opens (creating) the log, hands every whole record to {@code replay} in order, and cuts a torn tail. */
    static DataLog open(Path file, boolean sync, Consumer<Record> replay) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            long length = ch.size();
            if (length < FILE_MAGIC.length) {
                // empty, or torn while being created: start it over
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(FILE_MAGIC), 0);
                ch.force(true);
                return new DataLog(file, ch, sync, FILE_MAGIC.length, length);
            }
            ByteBuffer magic = ByteBuffer.allocate(FILE_MAGIC.length);
            readFully(ch, magic, 0);
            if (!Arrays.equals(magic.array(), FILE_MAGIC)) {
                throw new IOException(file + " is not a zos-zdb data file (bad magic)");
            }
            long pos = FILE_MAGIC.length;
            while (pos < length) {
                Record r = readRecord(ch, pos, length, pos >= length - TAIL_VERIFY);
                if (r == null) {
                    break;
                }
                replay.accept(r);
                pos = r.end();
            }
            if (pos < length) {
                ch.truncate(pos);
                ch.force(true);
            }
            return new DataLog(file, ch, sync, pos, length - pos);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The record at {@code pos}, or null when it is not whole and valid within {@code limit}. */
    private static Record readRecord(FileChannel ch, long pos, long limit, boolean verifyValue) throws IOException {
        if (pos + HEADER > limit) {
            return null;
        }
        ByteBuffer h = ByteBuffer.allocate(HEADER + 255);
        h.limit((int) Math.min(h.capacity(), limit - pos));
        while (h.hasRemaining()) {
            if (ch.read(h, pos + h.position()) < 0) {
                break;
            }
        }
        if (h.position() < HEADER || (h.get(0) & 0xff) != RECORD_MAGIC || h.get(3) != 0) {
            return null;
        }
        int flags = h.get(1) & 0xff;
        int keyLen = h.get(2) & 0xff;
        int valueLen = h.getInt(4);
        long ts = h.getLong(8);
        int valueCrc = h.getInt(16);
        int headerCrc = h.getInt(20);
        if (valueLen < 0 || h.position() < HEADER + keyLen || pos + HEADER + keyLen + (long) valueLen > limit) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(h.array(), 0, 20);
        crc.update(h.array(), HEADER, keyLen);
        if ((int) crc.getValue() != headerCrc) {
            return null;
        }
        byte[] key = Arrays.copyOfRange(h.array(), HEADER, HEADER + keyLen);
        Record r = new Record(pos, flags, key, valueLen, ts, valueCrc);
        if (verifyValue && crcOf(ch, r.valueOffset(), valueLen) != valueCrc) {
            return null;
        }
        return r;
    }

    private static int crcOf(FileChannel ch, long offset, int length) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer b = ByteBuffer.allocate(Math.min(length, 1 << 20));
        long pos = offset;
        long end = offset + length;
        while (pos < end) {
            b.clear();
            b.limit((int) Math.min(b.capacity(), end - pos));
            int n = ch.read(b, pos);
            if (n < 0) {
                throw new IOException("unexpected end of data file");
            }
            b.flip();
            crc.update(b);
            pos += n;
        }
        return (int) crc.getValue();
    }

    static int crc(byte[] value) {
        CRC32C c = new CRC32C();
        c.update(value, 0, value.length);
        return (int) c.getValue();
    }

    /** Appends one record; returns it (with its offset). */
    synchronized Record append(int flags, byte[] key, byte[] value, long timestamp) throws IOException {
        if (key.length > 255) {
            throw new IllegalArgumentException("key longer than 255 bytes");
        }
        int valueCrc = crc(value);
        ByteBuffer h = ByteBuffer.allocate(HEADER + key.length);
        h.put((byte) RECORD_MAGIC).put((byte) flags).put((byte) key.length).put((byte) 0)
                .putInt(value.length).putLong(timestamp).putInt(valueCrc);
        CRC32C crc = new CRC32C();
        crc.update(h.array(), 0, 20);
        crc.update(key, 0, key.length);
        h.putInt((int) crc.getValue()).put(key).flip();
        ByteBuffer v = ByteBuffer.wrap(value);
        long offset = size;
        long pos = offset;
        try {
            while (h.hasRemaining()) {
                pos += channel.write(h, pos);
            }
            while (v.hasRemaining()) {
                pos += channel.write(v, pos);
            }
            if (sync) {
                channel.force(false);
            }
        } catch (IOException e) {
            // leave no half record behind a failed write (disk full): later appends start on a boundary
            try {
                channel.truncate(offset);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        size = pos;
        return new Record(offset, flags, key, value.length, timestamp, valueCrc);
    }

    byte[] readValue(long valueOffset, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        readFully(channel, b, valueOffset);
        return b.array();
    }

    /** Whether the value stored at {@code r} still matches its checksum. */
    boolean check(Record r) throws IOException {
        return crcOf(channel, r.valueOffset(), r.valueLength()) == r.valueCrc();
    }

    /** The record at {@code pos} (a record boundary from an earlier answer), or null past the end. */
    Record recordAt(long pos) throws IOException {
        long limit = size();
        return pos >= limit ? null : readRecord(channel, pos, limit, false);
    }

    synchronized long size() {
        return size;
    }

    /** Bytes cut from a torn tail when the log was opened. */
    long truncatedOnOpen() {
        return truncated;
    }

    Path file() {
        return file;
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        long p = pos;
        while (b.hasRemaining()) {
            int n = ch.read(b, p);
            if (n < 0) {
                throw new IOException("unexpected end of data file at " + p);
            }
            p += n;
        }
        b.flip();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
