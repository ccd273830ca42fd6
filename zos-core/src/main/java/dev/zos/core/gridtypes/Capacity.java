package dev.zos.core.gridtypes;

/**
 * What a workload consumes on a node: cores, and bytes of memory, SSD and HDD, plus public IPv4 addresses.
 * Same units as ThreeFold's {@code gridtypes.Capacity}.
 */
public record Capacity(long cru, long mru, long sru, long hru, long ipv4u) {
    public static final Capacity ZERO = new Capacity(0, 0, 0, 0, 0);

    public Capacity plus(Capacity o) {
        return new Capacity(cru + o.cru, mru + o.mru, sru + o.sru, hru + o.hru, ipv4u + o.ipv4u);
    }

    public boolean zero() {
        return equals(ZERO);
    }

    public static Capacity sru(long bytes) {
        return new Capacity(0, 0, bytes, 0, 0);
    }

    public static Capacity hru(long bytes) {
        return new Capacity(0, 0, 0, bytes, 0);
    }

    public static Capacity ipv4(long count) {
        return new Capacity(0, 0, 0, 0, count);
    }
}
