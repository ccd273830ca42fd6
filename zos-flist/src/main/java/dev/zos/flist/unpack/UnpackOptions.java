package dev.zos.flist.unpack;

/**
 * Options of {@link Unpacker#unpack}.
 *
 * @param preserveOwnership restore numeric uid/gid (needs privileges); otherwise files belong to the caller
 * @param workers           files restored in parallel
 */
public record UnpackOptions(boolean preserveOwnership, int workers) {

    public UnpackOptions {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
    }

    public static UnpackOptions defaults() {
        return new UnpackOptions(false, Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    public UnpackOptions withPreserveOwnership(boolean preserve) {
        return new UnpackOptions(preserve, workers);
    }

    public UnpackOptions withWorkers(int n) {
        return new UnpackOptions(preserveOwnership, n);
    }
}
