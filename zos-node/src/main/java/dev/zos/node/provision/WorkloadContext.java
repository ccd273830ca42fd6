package dev.zos.node.provision;

import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.Workload;

/** One workload with the deployment it belongs to and the node it runs on. */
public record WorkloadContext(NodeEnvironment node, Deployment deployment, Workload workload) {

    public long twinId() {
        return deployment.twinId();
    }

    public long contractId() {
        return deployment.contractId();
    }

    /** {@code <twin>-<contract>-<name>}: unique on the node, safe as a file or cgroup name. */
    public String workloadId() {
        return workload.id(twinId(), contractId());
    }
}
