package dev.zos.flist.pack;

import java.time.Duration;

/**
 * A snapshot of a running pack, for a progress bar.
 *
 * @param files      regular files whose content is done
 * @param entries    inodes written so far (all types)
 * @param bytes      plaintext bytes done
 * @param dedupBytes bytes that needed no upload (seen earlier in this pack, already in the store, or unchanged)
 * @param uploadedBytes encrypted bytes sent to the store
 */
public record PackProgress(long files, long entries, long bytes, long dedupBytes, long uploadedBytes, Duration elapsed) {

    /** Plaintext bytes per second so far. */
    public double bytesPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : bytes / s;
    }
}
