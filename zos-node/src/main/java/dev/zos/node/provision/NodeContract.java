package dev.zos.node.provision;

/**
 * A node contract as the registry holds it, as far as the node cares: owner, node, the deployment hash it pins,
 * and whether it is still live (created or in grace) or cancelled.
 */
public record NodeContract(long id, long twinId, long nodeId, String deploymentHash, boolean active) {
}
