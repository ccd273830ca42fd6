package dev.zos.imagegen.kernel;

import dev.zos.core.ZosException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Orders the modules a node needs with their dependencies first, from each module's {@code depends=}
 * (no host depmod or modprobe). Requested modules that the kernel has built in are skipped.
 */
public final class ModuleResolver {
    /**
     * What a Zero-OS node loads: virtio devices (QEMU and clouds), SCSI disks (sd_mod: SATA, SAS, USB and virtio-scsi
     * disks, the ones that can report themselves non-rotational), e1000, ext4 (the cache disk and every workload
     * disk), and what the workload drivers need: fuse (zmachine root flists), overlay (a zmachine's writable root over
     * its flist), loop (disk images mounted from files), bridge and veth (networks and the machines on them).
     * No netfilter: the drivers route nothing and NAT nothing.
     */
    public static final List<String> NODE_MODULES = List.of(
            "virtio_pci", "virtio_net", "virtio_blk", "virtio_scsi", "virtio_console", "virtio_rng",
            "sd_mod", "e1000", "e1000e", "crc32c_generic", "ext4", "fuse", "overlay", "loop", "bridge", "veth");

    private final ModuleIndex index;

    public ModuleResolver(ModuleIndex index) {
        this.index = index;
    }

    /** The load order: every module after the modules it depends on; ties keep the request order. */
    public List<String> loadOrder(List<String> wanted) {
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String w : wanted) {
            String name = ModuleIndex.normalize(w);
            if (!index.contains(name)) {
                continue; // built into this kernel (or absent): nothing to load
            }
            visit(name, done, new LinkedHashSet<>(), order);
        }
        return List.copyOf(order);
    }

    private void visit(String name, Set<String> done, LinkedHashSet<String> path, List<String> order) {
        if (done.contains(name)) {
            return;
        }
        if (!path.add(name)) {
            throw ZosException.invalid("kernel modules depend on each other in a cycle: " + String.join(" -> ", path) + " -> " + name);
        }
        for (String dep : index.modInfo(name).depends()) {
            visit(dep, done, path, order);
        }
        path.remove(name);
        done.add(name);
        order.add(name);
    }
}
