package dev.zos.grid.registry;

import dev.zos.core.registry.model.Node;
import dev.zos.core.registry.model.Resources;

/**
 * A node as queries return it: the entity, its computed status, the resources its active contracts use
 * (as the node reported them), what is free, and how many public ips its farm has free.
 */
public record NodeView(Node node, NodeStatus status, Resources used, Resources free, long farmFreeIps) {
}
