package dev.zos.node.provision;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zos.core.ZosException;

/**
 * Provisions one workload type on this node. The provision engine runs the checks of SPEC-deployments.md,
 * accounts capacity, persists results, and calls a driver only for workloads that passed them.
 *
 * <p>Drivers are idempotent: {@link #provision} is called again for every live workload when the agent
 * restarts (reconciliation), and must then adopt what already exists instead of failing or duplicating it.
 * A failure is reported by throwing {@link ZosException}; its one-line message becomes the workload's
 * error result.
 */
public interface WorkloadDriver {

    /** The workload type this driver handles, as in the deployment JSON ({@code zmount}, {@code zmachine}, …). */
    String type();

    /** Brings the workload up (or adopts it if already up) and returns the result's type-specific data. */
    JsonNode provision(WorkloadContext context);

    /** Tears the workload down and frees what it held; succeeds when there is nothing left to remove. */
    void deprovision(WorkloadContext context);

    /**
     * Whether this driver can apply {@code context.workload()} in place over its previous version. The engine
     * deprovisions and provisions again when it cannot.
     */
    default boolean updatableInPlace(WorkloadContext previous, WorkloadContext next) {
        return false;
    }

    /** Up to {@code maxBytes} of the workload's console log from {@code offset}; for {@code zos.zmachine.logs}. */
    default LogChunk logs(WorkloadContext context, long offset, int maxBytes) {
        throw ZosException.invalid("workload type " + type() + " keeps no console log");
    }
}
