package dev.zos.cli.deploy;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.sign.TwinKeys;
import dev.zos.core.registry.client.GridClient;
import dev.zos.core.registry.client.GridTwin;
import dev.zos.core.rmb.peer.TwinDirectory;
import dev.zos.core.rmb.peer.TwinInfo;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Twins' keys as the grid's registry publishes them, cached for the life of one command. */
public final class RegistryTwins implements TwinDirectory, TwinKeys {
    private final GridClient client;
    private final Map<Long, Optional<TwinInfo>> cache = new ConcurrentHashMap<>();

    public RegistryTwins(GridClient client) {
        this.client = client;
    }

    @Override
    public Optional<TwinInfo> lookup(long twin) {
        return cache.computeIfAbsent(twin, this::fetch);
    }

    @Override
    public Optional<byte[]> publicKey(long twinId) {
        return lookup(twinId).map(TwinInfo::publicKey);
    }

    private Optional<TwinInfo> fetch(long twin) {
        GridTwin t;
        try {
            t = client.twin(twin);
        } catch (ZosException e) {
            if (e.kind() == ZosException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        byte[] pk = t.pk() == null || t.pk().isBlank() ? null : HexFormat.of().parseHex(t.pk());
        return Optional.of(new TwinInfo(twin, HexFormat.of().parseHex(t.publicKey()), pk));
    }
}
