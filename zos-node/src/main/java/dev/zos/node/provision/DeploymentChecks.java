package dev.zos.node.provision;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.sign.SignatureVerifier;
import dev.zos.core.gridtypes.sign.TwinKeys;

/**
 * The checks of SPEC-deployments.md a deployment passes before the node takes it, in order: the rules of the
 * deployment itself, then (1) the sender is its owner, (2) its signatures and their weight, (3) the registry holds
 * a live contract of this node, owned by the owner, pinning this deployment's hash. Capacity (4) is the engine's,
 * as it needs the node's current use. Each failure is one line naming what is wrong.
 */
final class DeploymentChecks {
    private final long nodeId;
    private final SignatureVerifier signatures;
    private final ContractSource contracts;

    DeploymentChecks(long nodeId, TwinKeys keys, ContractSource contracts) {
        this.nodeId = nodeId;
        this.signatures = new SignatureVerifier(keys);
        this.contracts = contracts;
    }

    void check(long sender, Deployment d) {
        try {
            d.validate();
        } catch (ZosException e) {
            throw ZosException.invalid("invalid deployment: " + e.getMessage());
        }
        if (d.contractId() <= 0) {
            throw ZosException.invalid("deployment has no contract_id; create the node contract first");
        }
        if (sender != d.twinId()) {
            throw ZosException.forbidden("sender twin " + sender + " is not the deployment's owner twin " + d.twinId());
        }
        signatures.verify(d).orThrow();
        String hash = d.challengeHashHex();
        NodeContract c = contracts.contract(d.contractId(), d.twinId()).orElseThrow(() -> ZosException.notFound(
                "contract " + d.contractId() + " does not exist in the registry or is not owned by twin " + d.twinId()));
        if (c.nodeId() != nodeId) {
            throw ZosException.forbidden("contract " + c.id() + " is for node " + c.nodeId() + ", not this node (" + nodeId + ")");
        }
        if (c.twinId() != d.twinId()) {
            throw ZosException.forbidden("contract " + c.id() + " belongs to twin " + c.twinId() + ", not to twin " + d.twinId());
        }
        if (!c.active()) {
            throw new ZosException(ZosException.Kind.CONFLICT, "contract " + c.id() + " is cancelled");
        }
        if (!c.deploymentHash().equalsIgnoreCase(hash)) {
            throw ZosException.forbidden("deployment hash " + hash + " does not match contract " + c.id()
                    + "'s deployment hash " + c.deploymentHash());
        }
    }
}
