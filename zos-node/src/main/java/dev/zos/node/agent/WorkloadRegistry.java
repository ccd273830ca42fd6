package dev.zos.node.agent;

import dev.zos.node.provision.NodeEnvironment;
import dev.zos.node.provision.WorkloadDriver;
import java.util.List;

/**
 * The one explicit list of workload drivers this node runs, keyed by their type in {@link dev.zos.node.provision.WorkloadDrivers}.
 * Types not listed here are refused per workload with "workload type X is not supported on this node".
 */
public final class WorkloadRegistry {
    private WorkloadRegistry() {
    }

    public static List<WorkloadDriver> drivers(NodeEnvironment env) {
        // the zmount and zmachine drivers (dev.zos.node.workload) are added here
        return List.of();
    }
}
