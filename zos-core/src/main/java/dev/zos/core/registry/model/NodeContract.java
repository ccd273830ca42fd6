package dev.zos.core.registry.model;

import dev.zos.core.ZosException;

/**
 * A node contract: its owner twin reserves capacity on a node for one deployment, identified by the
 * deployment's challenge hash (hex). {@code resources} is what the node reported the deployment uses
 * (null until known).
 */
public record NodeContract(long id, long twinId, long nodeId, String deploymentHash, int publicIps,
                           ContractState state, Resources resources, long created, long updated) implements Contract {
    public static final int MAX_PUBLIC_IPS = 16;

    public NodeContract {
        Checks.positive(id, "contract id");
        Checks.positive(twinId, "contract twin_id");
        Checks.positive(nodeId, "contract node_id");
        checkHash(deploymentHash);
        if (publicIps < 0 || publicIps > MAX_PUBLIC_IPS) {
            throw ZosException.invalid("contract public_ips must be 0.." + MAX_PUBLIC_IPS + ", got " + publicIps);
        }
        Checks.required(state, "contract state");
    }

    /** A deployment hash is 16 to 64 bytes of lower-case hex (gridtypes uses the 16-byte MD5 challenge hash). */
    public static String checkHash(String hash) {
        Checks.hex(hash, "deployment_hash", -1);
        if (hash.length() < 32 || hash.length() > 128) {
            throw ZosException.invalid("deployment_hash must be 16 to 64 bytes of hex, got " + hash.length() / 2);
        }
        return hash;
    }

    @Override
    public String type() {
        return "node";
    }

    public NodeContract withHash(String hash, long at) {
        return new NodeContract(id, twinId, nodeId, hash, publicIps, state, resources, created, at);
    }

    public NodeContract withState(ContractState s, long at) {
        return new NodeContract(id, twinId, nodeId, deploymentHash, publicIps, s, resources, created, at);
    }

    public NodeContract withResources(Resources r, long at) {
        return new NodeContract(id, twinId, nodeId, deploymentHash, publicIps, state, r, created, at);
    }
}
