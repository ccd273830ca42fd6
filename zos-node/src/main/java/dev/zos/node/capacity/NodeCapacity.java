package dev.zos.node.capacity;

import dev.zos.core.gridtypes.Capacity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the node has and what it keeps for itself.
 *
 * @param total    CRU, MRU, SRU, HRU measured on the machine (IPv4 is the farm's, not the node's: 0)
 * @param reserved what the system keeps: see {@link #reserve(Capacity)}
 */
public record NodeCapacity(Capacity total, Capacity reserved) {
    static final long GIB = 1L << 30;

    /** Measures the machine through {@code probe}; storage as {@code source} says (the data dir's file system or the disks). */
    public static NodeCapacity measure(HostProbe probe, StorageSource source, Path dataDir) {
        long sru = 0;
        long hru = 0;
        if (source == StorageSource.DISKS) {
            for (Disk d : probe.disks()) {
                if (d.rotational()) {
                    hru += d.bytes();
                } else {
                    sru += d.bytes();
                }
            }
        } else {
            long size;
            try {
                size = Files.getFileStore(dataDir).getTotalSpace();
            } catch (IOException e) {
                size = 0;
            }
            if (source == StorageSource.DATA_DIR_HDD) {
                hru = size;
            } else {
                sru = size;
            }
        }
        Capacity total = new Capacity(probe.cru(), probe.mru(), sru, hru, 0);
        return new NodeCapacity(total, reserve(total));
    }

    /**
     * The system's share: MRU = max(10 % of RAM, 2 GiB) as zos keeps, but on small nodes (under 8 GiB of RAM, where
     * 2 GiB would be a quarter or more) at most 25 % of RAM, so a test VM with 2 GiB still offers 1.5 GiB.
     * Nothing of CRU, SRU, HRU.
     */
    public static Capacity reserve(Capacity total) {
        long mru = Math.max(total.mru() / 10, 2 * GIB);
        if (total.mru() < 8 * GIB) {
            mru = Math.min(mru, total.mru() / 4);
        }
        return new Capacity(0, mru, 0, 0, 0);
    }
}
