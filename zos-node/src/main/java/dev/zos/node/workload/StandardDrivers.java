package dev.zos.node.workload;

import dev.zos.flist.store.Stores;
import dev.zos.node.provision.WorkloadDriver;
import dev.zos.node.workload.disk.DiskImage;
import dev.zos.node.workload.disk.VolumeMounts;
import dev.zos.node.workload.host.MountTable;
import dev.zos.node.workload.host.Mounter;
import dev.zos.node.workload.host.ProcessRunner;
import dev.zos.node.workload.host.SystemProcessRunner;
import dev.zos.node.workload.network.Links;
import dev.zos.node.workload.network.MachineInterfaces;
import dev.zos.node.workload.network.NetworkDriver;
import dev.zos.node.workload.volume.VolumeDriver;
import dev.zos.node.workload.zmachine.FlistFetcher;
import dev.zos.node.workload.zmachine.NetNamespaces;
import dev.zos.node.workload.zmachine.FuseLower;
import dev.zos.node.workload.zmachine.RootfsLower;
import dev.zos.node.workload.zmachine.Runc;
import dev.zos.node.workload.zmachine.UnpackedLower;
import dev.zos.node.workload.zmachine.ZMachineDriver;
import java.nio.file.Path;
import java.util.List;

/**
 * The workload drivers this node runs, wired together: the one list the provision engine registers. Factory
 * methods are overridable so a node image (or a test) can swap one collaborator, e.g. a FUSE-mounted
 * {@link RootfsLower} instead of unpacking.
 *
 * <pre>{@code
 * List<WorkloadDriver> drivers = new StandardDrivers(Path.of("/run/zos/runc")).create();
 * }</pre>
 */
public class StandardDrivers {

    private final Path runcState;

    /** @param runcState where runc keeps container state ({@code --root}); on tmpfs so a reboot clears it */
    public StandardDrivers(Path runcState) {
        this.runcState = runcState;
    }

    public List<WorkloadDriver> create() {
        ProcessRunner runner = createProcessRunner();
        Mounter mounter = new Mounter(runner, new MountTable());
        DiskImage images = new DiskImage(runner);
        VolumeMounts volumes = new VolumeMounts(mounter);
        Links links = new Links(runner);
        return List.of(
                new NetworkDriver(links),
                new dev.zos.node.workload.zmount.ZMountDriver(images, volumes),
                new VolumeDriver(images, volumes),
                new ZMachineDriver(new FlistFetcher(), createRootfsLower(), images, mounter, volumes,
                        new NetNamespaces(runner), new Runc(runner, runcBinary(), runcState, Runc.rootIsRamdisk(mounter.table())),
                        new MachineInterfaces(links)));
    }

    protected ProcessRunner createProcessRunner() {
        return new SystemProcessRunner();
    }

    /** The flist FUSE-mounted where FUSE works (lazy, shared), else unpacked to disk. */
    protected RootfsLower createRootfsLower() {
        return FuseLower.available() ? new FuseLower(FuseLower.selfLauncher()) : new UnpackedLower(Stores.defaults());
    }

    /**
     * The OCI runtime: the first of {@link Runc#RUNTIMES} on PATH. runc first, because it works with cgroups in hybrid
     * mode (test hosts), where crun refuses; the node image ships only crun, which its cgroup v2 mount suits.
     */
    protected String runcBinary() {
        return Runc.locate(System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"));
    }
}
