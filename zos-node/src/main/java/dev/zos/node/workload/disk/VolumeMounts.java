package dev.zos.node.workload.disk;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.Workload;
import dev.zos.core.gridtypes.workload.Volume;
import dev.zos.core.gridtypes.workload.ZMount;
import dev.zos.node.provision.NodeEnvironment;
import dev.zos.node.provision.WorkloadContext;
import dev.zos.node.workload.host.Mounter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;

/**
 * Mounts the disk of a {@code zmount} or {@code volume} for a zmachine of the same deployment. A disk is mounted
 * once, at {@code driverDir(type)/mnt/<workload id>}, and belongs to one zmachine at a time (ext4 is not a shared
 * filesystem): the holder's id is kept next to the mount point in {@code <workload id>.holder}, so the claim
 * survives an agent restart and a second zmachine asking for the same disk gets a clear CONFLICT.
 */
public final class VolumeMounts {

    private static final Set<String> DISK_TYPES = Set.of(ZMount.TYPE, Volume.TYPE);

    private final Mounter mounter;

    public VolumeMounts(Mounter mounter) {
        this.mounter = mounter;
    }

    /** Where a disk workload's image file lives. */
    public static Path imagePath(NodeEnvironment node, String type, String workloadId) {
        return node.driverDir(type).resolve(workloadId + ".img");
    }

    static Path mountPoint(NodeEnvironment node, String type, String workloadId) {
        return node.driverDir(type).resolve("mnt").resolve(workloadId);
    }

    private static Path holderFile(NodeEnvironment node, String type, String workloadId) {
        return node.driverDir(type).resolve("mnt").resolve(workloadId + ".holder");
    }

    /**
     * Mounts the disk named {@code volumeName} in {@code machine}'s deployment for that zmachine and returns the
     * host directory to bind into it. Adopts a mount this zmachine already holds.
     */
    public synchronized Path mount(WorkloadContext machine, String volumeName) {
        Workload volume = machine.deployment().workload(volumeName).orElseThrow(() -> ZosException.invalid(
                "mount '" + volumeName + "': no workload of that name in this deployment"));
        if (!DISK_TYPES.contains(volume.type())) {
            throw ZosException.invalid("mount '" + volumeName + "': workload is a " + volume.type()
                    + ", only zmount and volume can be mounted");
        }
        NodeEnvironment node = machine.node();
        String id = volume.id(machine.twinId(), machine.contractId());
        Path image = imagePath(node, volume.type(), id);
        if (!Files.isRegularFile(image)) {
            throw new ZosException(ZosException.Kind.UNAVAILABLE, "mount '" + volumeName + "': the " + volume.type()
                    + " is not provisioned on this node (yet)");
        }
        Path holder = holderFile(node, volume.type(), id);
        String current = readHolder(holder);
        if (current != null && !current.equals(machine.workloadId()) && mounter.table().isMounted(
                mountPoint(node, volume.type(), id))) {
            throw new ZosException(ZosException.Kind.CONFLICT, "mount '" + volumeName + "': already mounted in zmachine "
                    + current + "; a disk can be used by one zmachine at a time");
        }
        Path target = mountPoint(node, volume.type(), id);
        try {
            Files.createDirectories(target);
            writeAtomically(holder, machine.workloadId());
        } catch (IOException e) {
            throw ZosException.unavailable("mount '" + volumeName + "': " + e.getMessage(), e);
        }
        mounter.mountLoop(image, target);
        return target;
    }

    /** Unmounts the disk named {@code volumeName} if {@code machine} holds it; nothing happens otherwise. */
    public synchronized void unmount(WorkloadContext machine, String volumeName) {
        Workload volume = machine.deployment().workload(volumeName).orElse(null);
        if (volume == null || !DISK_TYPES.contains(volume.type())) {
            return;
        }
        String id = volume.id(machine.twinId(), machine.contractId());
        Path holder = holderFile(machine.node(), volume.type(), id);
        String current = readHolder(holder);
        if (current == null || current.equals(machine.workloadId())) {
            release(machine.node(), volume.type(), id);
        }
    }

    public boolean isMounted(NodeEnvironment node, String type, String workloadId) {
        return mounter.table().isMounted(mountPoint(node, type, workloadId));
    }

    /** Unmounts a disk whoever holds it and forgets the holder (the disk itself is being removed). */
    synchronized void release(NodeEnvironment node, String type, String workloadId) {
        Path target = mountPoint(node, type, workloadId);
        mounter.unmount(target);
        try {
            Files.deleteIfExists(target);
            Files.deleteIfExists(holderFile(node, type, workloadId));
        } catch (IOException e) {
            throw ZosException.unavailable("cannot clean up mount point " + target + ": " + e.getMessage(), e);
        }
    }

    private static String readHolder(Path holder) {
        try {
            return Files.isRegularFile(holder) ? Files.readString(holder, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            throw ZosException.unavailable("cannot read " + holder + ": " + e.getMessage(), e);
        }
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
