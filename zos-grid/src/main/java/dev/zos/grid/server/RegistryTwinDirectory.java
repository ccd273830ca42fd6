package dev.zos.grid.server;

import dev.zos.core.rmb.peer.TwinDirectory;
import dev.zos.core.rmb.peer.TwinInfo;
import dev.zos.grid.registry.Registry;
import dev.zos.core.registry.model.Twin;
import java.util.HexFormat;
import java.util.Optional;

/** The relay's view of twins: their keys as the registry holds them. */
final class RegistryTwinDirectory implements TwinDirectory {
    private final Registry registry;

    RegistryTwinDirectory(Registry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<TwinInfo> lookup(long twin) {
        return registry.twin(twin).map(RegistryTwinDirectory::info);
    }

    private static TwinInfo info(Twin t) {
        HexFormat hex = HexFormat.of();
        // RMB encryption takes the compressed secp256k1 form only; an uncompressed key is not offered to peers
        byte[] pk = t.pk() != null && t.pk().length() == 66 ? hex.parseHex(t.pk()) : null;
        return new TwinInfo(t.id(), hex.parseHex(t.publicKey()), pk);
    }
}
