package dev.zos.flist.sign;

import dev.zos.core.ZosException;
import dev.zos.core.registry.client.GridClient;

import java.util.HexFormat;
import java.util.Optional;

/** Finds a twin's registered ed25519 public key, e.g. from a grid's registry. */
@FunctionalInterface
public interface TwinKeys {
    /** The 32-byte public key of {@code twinId}, or empty when no such twin is registered. */
    Optional<byte[]> publicKey(long twinId);

    /** Keys as the grid's explorer shows them ({@code GET /twins/<id>}); an unreachable grid is an error, not "unknown". */
    static TwinKeys of(GridClient grid) {
        return twinId -> {
            try {
                return Optional.of(HexFormat.of().parseHex(grid.twin(twinId).publicKey()));
            } catch (ZosException e) {
                if (e.kind() == ZosException.Kind.NOT_FOUND) {
                    return Optional.empty();
                }
                throw e;
            }
        };
    }
}
