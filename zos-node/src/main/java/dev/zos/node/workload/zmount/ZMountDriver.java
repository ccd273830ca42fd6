package dev.zos.node.workload.zmount;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.workload.ZMount;
import dev.zos.node.provision.WorkloadContext;
import dev.zos.node.workload.disk.DiskDriver;
import dev.zos.node.workload.disk.DiskImage;
import dev.zos.node.workload.disk.VolumeMounts;

/** {@code zmount}: a zmachine's extra disk, a sparse ext4 image of {@code size} bytes on the node's SSD storage. */
public final class ZMountDriver extends DiskDriver {
    public static final String TYPE = ZMount.TYPE;

    public ZMountDriver(DiskImage images, VolumeMounts mounts) {
        super(images, mounts);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    protected long size(WorkloadContext context) {
        if (!(context.workload().data() instanceof ZMount zmount)) {
            throw ZosException.invalid("workload " + context.workload().name() + " is a " + context.workload().type()
                    + ", not a zmount");
        }
        return zmount.size();
    }
}
