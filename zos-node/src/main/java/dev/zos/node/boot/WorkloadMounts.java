package dev.zos.node.boot;

import dev.zos.node.boot.linux.Linux;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel file systems the workload drivers need beyond what /init mounts (/dev, /proc, /sys, /run, /tmp):
 * cgroup v2 alone at /sys/fs/cgroup, where the container runtime puts each zmachine's CPU, memory and pids limits
 * (crun refuses the hybrid v1+v2 layout), and /dev/pts and /dev/shm as any Linux host has them. Already mounted
 * (EBUSY) counts as done.
 */
final class WorkloadMounts {

    /** One mount: what, where, which file system type, flags and options. */
    record KernelMount(String source, String target, String type, long flags, String data) {
    }

    static final long MS_NOEXEC = 8;
    static final List<KernelMount> MOUNTS = List.of(
            new KernelMount("cgroup2", "/sys/fs/cgroup", "cgroup2", Linux.MS_NOSUID | Linux.MS_NODEV | MS_NOEXEC, "nsdelegate"),
            new KernelMount("devpts", "/dev/pts", "devpts", Linux.MS_NOSUID | MS_NOEXEC, "gid=5,mode=0620,ptmxmode=0666"),
            new KernelMount("shm", "/dev/shm", "tmpfs", Linux.MS_NOSUID | Linux.MS_NODEV, "mode=1777"));

    private WorkloadMounts() {
    }

    /** Mounts each of {@link #MOUNTS}; the first failure names its target and the kernel's reason. */
    static void mountAll() throws IOException {
        for (KernelMount m : MOUNTS) {
            Files.createDirectories(Path.of(m.target()));
            int r = Linux.libc().mount(m.source(), m.target(), m.type(), m.flags(), m.data());
            if (r < 0 && Linux.errno() != Linux.EBUSY) {
                Linux.check(r, "mount " + m.type() + " on " + m.target());
            }
        }
    }

    static String describe() {
        return "workload mounts: " + String.join(", ", MOUNTS.stream().map(m -> m.type() + " at " + m.target()).toList());
    }
}
