package dev.zos.node.identity;

import dev.zos.core.ZosException;
import dev.zos.core.identity.TwinKey;
import dev.zos.core.registry.client.GridClient;
import dev.zos.core.registry.client.GridTwin;
import dev.zos.core.registry.tx.TransactionBuilder;
import dev.zos.core.rmb.crypto.E2eKey;
import java.time.Clock;
import java.util.HexFormat;

/**
 * The node's twin on the grid: the twin registered with the node key, registered on first start ({@code twin.create}
 * with the relay the node holds its session to and its e2e key, the secp256k1 key derived from the same seed). Peers
 * encrypt to the node when they publish an e2e key too, and talk in plain text (signed) when they do not. A twin
 * registered before it published its key, or under another relay, is updated ({@code twin.update}).
 */
public final class NodeTwin {
    private NodeTwin() {
    }

    /** The twin id, and whether this call registered it. */
    public record Twin(long id, boolean created) {
    }

    public static Twin ensure(GridClient grid, TwinKey key, String relayUrl) {
        String pk = HexFormat.of().formatHex(E2eKey.fromSeed(key.seed()).publicKey());
        var existing = grid.twinByPublicKey(key.publicKeyHex());
        if (existing.isPresent()) {
            GridTwin t = existing.get();
            if (!pk.equalsIgnoreCase(String.valueOf(t.pk())) || !relayUrl.equals(t.relay())) {
                grid.submit(TransactionBuilder.forTwin(key, t.twinId(), Clock.systemUTC()).twinUpdate(relayUrl, pk));
            }
            return new Twin(t.twinId(), false);
        }
        try {
            return new Twin(grid.submit(TransactionBuilder.twinCreate(key, relayUrl, pk)).id(), true);
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
