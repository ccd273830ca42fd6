package dev.zos.grid.registry;

import dev.zos.core.identity.TwinKey;
import dev.zos.core.registry.model.Location;
import dev.zos.core.registry.model.NodeInterface;
import dev.zos.core.registry.model.Resources;
import dev.zos.core.registry.tx.TransactionBuilder;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/** Test twins: deterministic keys, registered on demand, with a builder to sign as them. */
final class Actors {
    static final long GIB = 1L << 30;
    static final Resources BIG = new Resources(8, 32 * GIB, 512 * GIB, 2048 * GIB);
    static final Location BELGIUM = new Location("Belgium", "Ghent", "51.05", "3.72");
    static final List<NodeInterface> IFACES = List.of(new NodeInterface("zos", "aa:bb:cc:dd:ee:ff", List.of("10.0.0.2")));

    private Actors() {
    }

    static TwinKey key(int n) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) n);
        seed[0] = (byte) (n >> 8);
        return TwinKey.fromSeed(seed);
    }

    /** Registers twin {@code n}'s key and returns a builder signing as it. */
    static TransactionBuilder twin(Registry registry, int n, Clock clock) {
        TwinKey k = key(n);
        long id = registry.submit(TransactionBuilder.twinCreate(k, "wss://relay.example/" + n, null, clock)).assignedId();
        return TransactionBuilder.forTwin(k, id, clock);
    }

    static TransactionBuilder twin(Registry registry, int n) {
        return twin(registry, n, Clock.systemUTC());
    }
}
