package dev.zos.node.provision;

import java.util.Map;
import java.util.Optional;

/** The registry's node contracts, the source of truth the engine checks deployments against and reconciles with. */
public interface ContractSource {

    /** The node contract with this id owned by {@code ownerTwin}, if there is one (in any state). */
    Optional<NodeContract> contract(long contractId, long ownerTwin);

    /** Every node contract of this node, by id (in any state). Throws UNAVAILABLE when the registry cannot be read. */
    Map<Long, NodeContract> nodeContracts();
}
