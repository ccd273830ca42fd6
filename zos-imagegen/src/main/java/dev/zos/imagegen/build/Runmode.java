package dev.zos.imagegen.build;

/** The grid network a node joins; carried on the kernel command line as {@code runmode=}. */
public enum Runmode {
    DEV, TEST, PROD;

    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
