package dev.zos.node.provision;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.Capacity;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.ResultState;
import dev.zos.core.gridtypes.Workload;
import java.util.Collection;

/**
 * Capacity admission. Used capacity is what the workloads of live deployments hold (a failed or deleted workload
 * holds nothing; one still being provisioned does, so two deploys in a row cannot both take the last GiB).
 * Memory, SSD and HDD must fit in what is free; CPU is shared between workloads as in zos, but one workload may
 * not ask for more cores than the node has.
 */
final class CapacityCheck {
    private CapacityCheck() {
    }

    static boolean holds(Workload w) {
        return w.result().state() != ResultState.ERROR && w.result().state() != ResultState.DELETED;
    }

    static Capacity used(Deployment d) {
        return d.workloads().stream().filter(CapacityCheck::holds).map(Workload::capacity).reduce(Capacity.ZERO, Capacity::plus);
    }

    static Capacity used(Collection<Deployment> all) {
        return all.stream().map(CapacityCheck::used).reduce(Capacity.ZERO, Capacity::plus);
    }

    /** Throws CONFLICT naming the first resource {@code wanted} does not fit into. */
    static void fits(Deployment wanted, Capacity extra, Capacity total, Capacity reserved, Capacity used, long nodeId) {
        for (Workload w : wanted.workloads()) {
            if (w.capacity().cru() > total.cru()) {
                throw new ZosException(ZosException.Kind.CONFLICT, "not enough cpu (cru) on node " + nodeId + ": workload '"
                        + w.name() + "' asks for " + w.capacity().cru() + " cores, the node has " + total.cru());
            }
        }
        check("memory (mru)", extra.mru(), total.mru() - reserved.mru() - used.mru(), nodeId);
        check("ssd storage (sru)", extra.sru(), total.sru() - reserved.sru() - used.sru(), nodeId);
        check("hdd storage (hru)", extra.hru(), total.hru() - reserved.hru() - used.hru(), nodeId);
    }

    private static void check(String resource, long wanted, long free, long nodeId) {
        if (wanted > 0 && wanted > free) {
            throw new ZosException(ZosException.Kind.CONFLICT, "not enough " + resource + " on node " + nodeId + ": the deployment needs "
                    + wanted + " bytes more, " + Math.max(0, free) + " bytes are free");
        }
    }
}
