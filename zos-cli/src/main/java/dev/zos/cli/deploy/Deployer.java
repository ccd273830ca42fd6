package dev.zos.cli.deploy;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.registry.client.GridSession;

/**
 * Puts a signed deployment on a node: creates the node contract holding the deployment's challenge hash
 * (a transaction signed by the owner twin), then sends {@code zos.deployment.deploy} with the contract id.
 * When the node refuses, the fresh contract is cancelled again so a failed deploy leaves nothing behind.
 * The two steps are also public on their own so bench/deploy can time each one on this same path.
 */
public final class Deployer {
    private final GridSession session;
    private final NodeClient nodes;

    public Deployer(GridSession session, NodeClient nodes) {
        this.session = session;
        this.nodes = nodes;
    }

    /** The deployment as sent, with its contract id. */
    public Deployment create(long nodeId, Deployment signed) {
        return send(nodeId, signed.withContractId(contract(nodeId, signed)));
    }

    /** Step 1: the node contract for {@code signed}'s hash; its id. */
    public long contract(long nodeId, Deployment signed) {
        int publicIps = Math.toIntExact(signed.capacity().ipv4u());
        return session.client().submit(
                session.signer().contractNodeCreate(nodeId, signed.challengeHashHex(), publicIps)).id();
    }

    /** Step 2: sends {@code sent} (contract id set) to the node; cancels its contract when the node refuses. */
    public Deployment send(long nodeId, Deployment sent) {
        long contract = sent.contractId();
        try {
            nodes.deploy(nodeId, sent);
        } catch (ZosException e) {
            String undo;
            try {
                session.client().submit(session.signer().contractCancel(contract));
                undo = "contract " + contract + " cancelled";
            } catch (ZosException cancel) {
                undo = "contract " + contract + " could not be cancelled (" + cancel.getMessage() + "); run 'zos cancel " + contract + "'";
            }
            throw new ZosException(e.kind(), e.getMessage() + " (" + undo + ")", e);
        }
        return sent;
    }
}
