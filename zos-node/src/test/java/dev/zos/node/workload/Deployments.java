package dev.zos.node.workload;

import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.Workload;
import dev.zos.node.provision.NodeEnvironment;
import dev.zos.node.provision.WorkloadContext;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** Builds the contexts a provision engine would hand to drivers. */
public final class Deployments {
    public static final long TWIN = 7;
    public static final long CONTRACT = 42;

    private Deployments() {
    }

    public static NodeEnvironment node(Path dataDir) {
        return new NodeEnvironment(dataDir, URI.create("http://127.0.0.1:1"), 1);
    }

    public static Deployment deployment(Workload... workloads) {
        return Deployment.create(TWIN, List.of(workloads)).withContractId(CONTRACT);
    }

    public static WorkloadContext context(NodeEnvironment node, Deployment deployment, String name) {
        return new WorkloadContext(node, deployment, deployment.workload(name).orElseThrow());
    }
}
