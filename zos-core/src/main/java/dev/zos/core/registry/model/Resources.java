package dev.zos.core.registry.model;

/** Capacity in tfchain units: cru = cores, mru/sru/hru = bytes of memory, SSD and HDD. */
public record Resources(long cru, long mru, long sru, long hru) {
    public static final Resources NONE = new Resources(0, 0, 0, 0);

    public Resources {
        Checks.notNegative(cru, "cru");
        Checks.notNegative(mru, "mru");
        Checks.notNegative(sru, "sru");
        Checks.notNegative(hru, "hru");
    }

    public Resources plus(Resources o) {
        return new Resources(cru + o.cru, mru + o.mru, sru + o.sru, hru + o.hru);
    }

    /** Component-wise difference, floored at zero. */
    public Resources minus(Resources o) {
        return new Resources(Math.max(0, cru - o.cru), Math.max(0, mru - o.mru),
                Math.max(0, sru - o.sru), Math.max(0, hru - o.hru));
    }
}
