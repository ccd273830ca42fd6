package dev.zos.grid.explorer;

import dev.zos.core.registry.model.Resources;

/** grid-proxy's capacity: cores, and bytes of SSD, HDD and memory. */
public record CapacityJson(long cru, long sru, long hru, long mru) {
    static CapacityJson of(Resources r) {
        return r == null ? null : new CapacityJson(r.cru(), r.sru(), r.hru(), r.mru());
    }
}
