package dev.zos.flist.store;

import dev.zos.core.ZosException;
import dev.zos.flist.meta.Route;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A store over stores, each serving a range of the id's first byte. Writes go to every matching store
 * (replication); reads try matching stores in random order and return the first answer.
 */
public final class RouterStore implements BlockStore {

    /** One routed store: ids whose first byte is in {@code [start, end]}. */
    public record Entry(int start, int end, BlockStore store) {
        boolean matches(byte[] id) {
            int b = id[0] & 0xff;
            return b >= start && b <= end;
        }
    }

    private final List<Entry> entries;

    public RouterStore(List<Entry> entries) {
        if (entries.isEmpty()) {
            throw ZosException.invalid("a router needs at least one store");
        }
        this.entries = List.copyOf(entries);
    }

    private List<Entry> matching(byte[] id) {
        List<Entry> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            if (e.matches(id)) {
                out.add(e);
            }
        }
        if (out.isEmpty()) {
            throw ZosException.notFound("no store is routed for block " + HexFormat.of().formatHex(id)
                    + String.format(" (first byte %02x)", id[0] & 0xff));
        }
        return out;
    }

    @Override
    public byte[] get(byte[] id) {
        List<Entry> m = matching(id);
        if (m.size() > 1) {
            Collections.shuffle(m, ThreadLocalRandom.current());
        }
        ZosException unavailable = null;
        ZosException last = null;
        for (Entry e : m) {
            try {
                return e.store().get(id);
            } catch (ZosException ex) {
                last = ex;
                if (ex.kind() == ZosException.Kind.UNAVAILABLE && unavailable == null) {
                    unavailable = ex;
                }
            }
        }
        if (m.size() == 1) {
            throw last;
        }
        if (unavailable != null) {
            throw new ZosException(ZosException.Kind.UNAVAILABLE, "block " + HexFormat.of().formatHex(id)
                    + " could not be read from any of " + m.size() + " stores; " + unavailable.getMessage(),
                    unavailable);
        }
        throw ZosException.notFound("block " + HexFormat.of().formatHex(id) + " not found in any of "
                + m.stream().map(e -> e.store().url()).toList());
    }

    @Override
    public void set(byte[] id, byte[] data, int off, int len) {
        for (Entry e : matching(id)) {
            e.store().set(id, data, off, len);
        }
    }

    @Override
    public boolean exists(byte[] id) {
        for (Entry e : matching(id)) {
            if (!e.store().exists(id)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String url() {
        return String.join(" ", entries.stream()
                .map(e -> String.format("%02x-%02x=%s", e.start(), e.end(), e.store().url())).toList());
    }

    @Override
    public List<Route> routes(boolean keepPasswords) {
        return entries.stream()
                .map(e -> new Route(e.start(), e.end(), keepPasswords ? e.store().fullUrl() : e.store().url()))
                .toList();
    }

    public List<Entry> entries() {
        return entries;
    }

    @Override
    public void close() {
        for (Entry e : entries) {
            e.store().close();
        }
    }
}
