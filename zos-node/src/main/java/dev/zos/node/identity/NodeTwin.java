package dev.zos.node.identity;

import dev.zos.core.ZosException;
import dev.zos.core.identity.TwinKey;
import dev.zos.core.registry.client.GridClient;
import dev.zos.core.registry.client.GridTwin;
import dev.zos.core.registry.tx.TransactionBuilder;

/**
 * The node's twin on the grid: the twin registered with the node key, registered on first start ({@code twin.create}
 * with the relay the node holds its session to). It publishes no secp256k1 key: a peer encrypts to any twin that
 * publishes one, but can only be answered encrypted when it publishes one too, which many users' twins do not;
 * so envelopes to and from nodes travel signed and in plain text (over the relay's TLS where the grid has it).
 */
public final class NodeTwin {
    private NodeTwin() {
    }

    /** The twin id, and whether this call registered it. */
    public record Twin(long id, boolean created) {
    }

    public static Twin ensure(GridClient grid, TwinKey key, String relayUrl) {
        var existing = grid.twinByPublicKey(key.publicKeyHex());
        if (existing.isPresent()) {
            return new Twin(existing.get().twinId(), false);
        }
        try {
            return new Twin(grid.submit(TransactionBuilder.twinCreate(key, relayUrl, null)).id(), true);
        } catch (ZosException e) {
            if (e.kind() != ZosException.Kind.CONFLICT) {
                throw e;
            }
            // registered meanwhile (a previous run crashed after submitting): read it back
            GridTwin twin = grid.twinByPublicKey(key.publicKeyHex()).orElseThrow(() -> e);
            return new Twin(twin.twinId(), false);
        }
    }
}
