package dev.zos.node.workload.disk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zos.core.ZosException;
import dev.zos.node.provision.WorkloadContext;
import dev.zos.node.provision.WorkloadDriver;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared body of {@code zmount} and {@code volume}: a sparse ext4 {@link DiskImage} of the workload's size at
 * {@code driverDir(type)/<workload id>.img}. Nothing is mounted here; {@link VolumeMounts} mounts the disk when a
 * zmachine references it. Result data: {@code {"id": "<workload id>"}}, as zos's ZMountResult/VolumeResult.
 */
public abstract class DiskDriver implements WorkloadDriver {

    private final DiskImage images;
    private final VolumeMounts mounts;

    protected DiskDriver(DiskImage images, VolumeMounts mounts) {
        this.images = images;
        this.mounts = mounts;
    }

    /** The requested size in bytes, from the workload's data. */
    protected abstract long size(WorkloadContext context);

    @Override
    public JsonNode provision(WorkloadContext context) {
        long size = size(context);
        if (size <= 0) {
            throw ZosException.invalid(type() + " " + context.workload().name() + ": size must be greater than 0, got "
                    + size);
        }
        Path image = VolumeMounts.imagePath(context.node(), type(), context.workloadId());
        if (Files.isRegularFile(image) && DiskImage.size(image) != size) {
            if (mounts.isMounted(context.node(), type(), context.workloadId())) {
                throw new ZosException(ZosException.Kind.CONFLICT, type() + " " + context.workload().name()
                        + ": cannot resize a disk while a zmachine uses it; stop the zmachine first");
            }
            images.grow(image, size);
        } else {
            images.create(image, size, context.workload().name());
        }
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("id", context.workloadId());
        return data;
    }

    @Override
    public void deprovision(WorkloadContext context) {
        mounts.release(context.node(), type(), context.workloadId());
        images.delete(VolumeMounts.imagePath(context.node(), type(), context.workloadId()));
    }

    /** Growing keeps the data (the engine would otherwise delete and re-create the disk); shrinking is refused. */
    @Override
    public boolean updatableInPlace(WorkloadContext previous, WorkloadContext next) {
        return size(next) >= size(previous);
    }
}
