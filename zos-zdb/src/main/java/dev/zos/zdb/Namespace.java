package dev.zos.zdb;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One namespace: a directory holding an append-only {@link DataLog} and its settings, with the key index in
 * memory (rebuilt by replaying the log on open). Reads run concurrently; writes are serialised.
 */
public final class Namespace implements Closeable {

    /** A key with value semantics, for the index. */
    record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    /** What SET did. */
    public enum SetResult { STORED, UNCHANGED }

    /** One live key in a SCAN page. */
    public record ScanItem(byte[] key, int size, long timestamp) {
    }

    /** A SCAN page: the items (none at the end of the data) and the cursor to continue from. */
    public record ScanPage(List<ScanItem> items, byte[] next) {
    }

    private final String name;
    private final Path dir;
    private final DataLog log;
    private final Map<Key, DataLog.Record> index = new ConcurrentHashMap<>();
    private volatile NamespaceSettings settings;
    private long dataSize;
    private long nextSeq;
    private volatile boolean deleted;

    private Namespace(String name, Path dir, boolean sync) throws IOException {
        this.name = name;
        this.dir = dir;
        this.settings = NamespaceSettings.load(dir);
        this.log = DataLog.open(dir.resolve("data"), sync, this::replay);
    }

    static Namespace open(String name, Path dir, boolean sync) throws IOException {
        Files.createDirectories(dir);
        return new Namespace(name, dir, sync);
    }

    private void replay(DataLog.Record r) {
        Key k = new Key(r.key());
        DataLog.Record old = r.deleted() ? index.remove(k) : index.put(k, r);
        if (old != null) {
            dataSize -= old.valueLength();
        }
        if (!r.deleted()) {
            dataSize += r.valueLength();
        }
        if (r.key().length == 4) {
            nextSeq = Math.max(nextSeq, (ByteBuffer.wrap(r.key()).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL) + 1);
        }
    }

    public String name() {
        return name;
    }

    public NamespaceSettings settings() {
        return settings;
    }

    /** Replaces the settings (saved atomically first), as NSSET does. */
    public synchronized void updateSettings(NamespaceSettings s) throws IOException {
        s.save(dir);
        settings = s;
    }

    public int entries() {
        return index.size();
    }

    public synchronized long dataSize() {
        return dataSize;
    }

    public long fileSize() {
        return log.size();
    }

    long truncatedOnOpen() {
        return log.truncatedOnOpen();
    }

    Path dir() {
        return dir;
    }

    boolean isDeleted() {
        return deleted;
    }

    /** Whether the namespace has never held a key (its mode may still change). */
    synchronized boolean isFresh() {
        return log.size() <= DataLog.FILE_MAGIC.length;
    }

    public byte[] get(byte[] key) throws IOException {
        DataLog.Record r = index.get(new Key(key));
        if (r == null) {
            return null;
        }
        byte[] v = log.readValue(r.valueOffset(), r.valueLength());
        if (DataLog.crc(v) != r.valueCrc()) {
            throw new IOException("stored value of a key in namespace " + name + " is corrupt (checksum mismatch)");
        }
        return v;
    }

    public boolean exists(byte[] key) {
        return index.containsKey(new Key(key));
    }

    /** True when the stored value still matches its checksum; null when the key does not exist. */
    public Boolean check(byte[] key) throws IOException {
        DataLog.Record r = index.get(new Key(key));
        return r == null ? null : log.check(r);
    }

    /**
     * Stores {@code value} under {@code key} in user mode. An identical value (same length and checksum) is not
     * written again. {@code limitExceeded} is thrown through {@link SpaceException} when maxsize would be crossed.
     */
    public synchronized SetResult set(byte[] key, byte[] value, long timestamp) throws IOException, SpaceException {
        Key k = new Key(key);
        DataLog.Record old = index.get(k);
        if (old != null && old.valueLength() == value.length && old.valueCrc() == DataLog.crc(value)) {
            return SetResult.UNCHANGED;
        }
        long limit = settings.maxSize();
        long after = dataSize - (old == null ? 0 : old.valueLength()) + value.length;
        if (limit > 0 && after > limit) {
            throw new SpaceException();
        }
        DataLog.Record r = log.append(0, key, value, timestamp);
        index.put(k, r);
        dataSize = after;
        if (key.length == 4) {
            nextSeq = Math.max(nextSeq, (ByteBuffer.wrap(key).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL) + 1);
        }
        return SetResult.STORED;
    }

    /**
     * SET in sequential mode: an empty key stores under the next id (4 bytes, little-endian), an existing id is
     * updated. Returns the id, or null when the value was unchanged.
     *
     * @throws IllegalArgumentException when {@code key} is not an id the namespace handed out
     */
    public synchronized byte[] setSequential(byte[] key, byte[] value, long timestamp) throws IOException, SpaceException {
        byte[] id = key;
        if (key.length == 0) {
            id = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) nextSeq).array();
        } else if (!index.containsKey(new Key(key))) {
            throw new IllegalArgumentException("Invalid key, only update authorized");
        }
        return set(id, value, timestamp) == SetResult.STORED ? id : null;
    }

    /** Deletes {@code key}; false when it does not exist. */
    public synchronized boolean delete(byte[] key, long timestamp) throws IOException {
        Key k = new Key(key);
        DataLog.Record old = index.get(k);
        if (old == null) {
            return false;
        }
        log.append(DataLog.FLAG_DELETED, key, new byte[0], timestamp);
        index.remove(k);
        dataSize -= old.valueLength();
        return true;
    }

    /**
     * Walks live keys in the order they were written, from {@code cursor} (null: the start), returning at most
     * {@code max} items. The cursor is the data-file offset where the next page starts, as 8 big-endian bytes.
     */
    public ScanPage scan(byte[] cursor, int max) throws IOException {
        long pos = DataLog.FILE_MAGIC.length;
        if (cursor != null) {
            if (cursor.length != 8) {
                throw new IllegalArgumentException("bad cursor");
            }
            pos = ByteBuffer.wrap(cursor).getLong();
            if (pos < DataLog.FILE_MAGIC.length || pos > log.size()) {
                throw new IllegalArgumentException("bad cursor");
            }
        }
        List<ScanItem> items = new ArrayList<>();
        DataLog.Record r;
        while (items.size() < max && (r = log.recordAt(pos)) != null) {
            if (!r.deleted() && index.get(new Key(r.key())) instanceof DataLog.Record live && live.offset() == r.offset()) {
                items.add(new ScanItem(r.key(), r.valueLength(), r.timestamp()));
            }
            pos = r.end();
        }
        return new ScanPage(items, ByteBuffer.allocate(8).putLong(pos).array());
    }

    void markDeleted() {
        deleted = true;
    }

    @Override
    public void close() throws IOException {
        log.close();
    }

    /** maxsize would be crossed. */
    public static final class SpaceException extends Exception {
        SpaceException() {
            super("No space left on this namespace");
        }
    }
}
