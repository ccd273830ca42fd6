package dev.zos.node.capacity;

import dev.zos.core.ZosException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which storage a node sells. In PID 1 mode the node owns the machine, so every disk counts ({@link #DISKS}:
 * non-rotational disks are SRU, rotational ones HRU). In process mode the machine's disks belong to its host, so
 * only the file system holding the data directory counts ({@link #DATA_DIR_SSD} as SRU, {@link #DATA_DIR_HDD} as HRU).
 */
public enum StorageSource {
    DISKS("disks"), DATA_DIR_SSD("datadir-ssd"), DATA_DIR_HDD("datadir-hdd");

    private final String wire;

    StorageSource(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static StorageSource of(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.wire.equals(t)).findFirst().orElseThrow(() -> ZosException.invalid(
                "unknown storage source '" + text + "'; valid: " + Arrays.stream(values()).map(StorageSource::wire)
                        .collect(Collectors.joining(", "))));
    }
}
