package dev.zos.node.workload.volume;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.workload.Volume;
import dev.zos.node.provision.WorkloadContext;
import dev.zos.node.workload.disk.DiskDriver;
import dev.zos.node.workload.disk.DiskImage;
import dev.zos.node.workload.disk.VolumeMounts;

/** {@code volume}: storage shared into a zmachine (zos: virtio-fs), here the same sparse ext4 image as a zmount. */
public final class VolumeDriver extends DiskDriver {
    public static final String TYPE = Volume.TYPE;

    public VolumeDriver(DiskImage images, VolumeMounts mounts) {
        super(images, mounts);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    protected long size(WorkloadContext context) {
        if (!(context.workload().data() instanceof Volume volume)) {
            throw ZosException.invalid("workload " + context.workload().name() + " is a " + context.workload().type()
                    + ", not a volume");
        }
        return volume.size();
    }
}
