package dev.zos.node.workload.host;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Mounts and unmounts on the host with mount(8)/umount(8). Every operation is idempotent: mounting what is
 * already mounted there and unmounting what is not mounted both succeed.
 */
public final class Mounter {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final ProcessRunner runner;
    private final MountTable table;

    public Mounter(ProcessRunner runner, MountTable table) {
        this.runner = runner;
        this.table = table;
    }

    public MountTable table() {
        return table;
    }

    /** Loop-mounts the filesystem image {@code image} at {@code target}; the loop device is freed on unmount. */
    public void mountLoop(Path image, Path target) {
        if (table.isMounted(target)) {
            return;
        }
        runner.check("cannot mount " + image.getFileName(),
                List.of("mount", "-t", "ext4", "-o", "loop", image.toString(), target.toString()), TIMEOUT);
    }

    /** An overlay of read-only {@code lower} and writable {@code upper} (with its {@code work} dir) at {@code target}. */
    public void mountOverlay(Path lower, Path upper, Path work, Path target) {
        if (table.isMounted(target)) {
            return;
        }
        String options = "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work;
        runner.check("cannot mount the root filesystem overlay at " + target,
                List.of("mount", "-t", "overlay", "overlay", "-o", options, target.toString()), TIMEOUT);
    }

    /** Unmounts every mount stacked at {@code target}. */
    public void unmount(Path target) {
        while (table.isMounted(target)) {
            runner.check("cannot unmount " + target, List.of("umount", target.toString()), TIMEOUT);
        }
    }
}
