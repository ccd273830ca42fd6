package dev.zos.core.gridtypes.workload;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.zos.core.gridtypes.Challenge;
import dev.zos.core.gridtypes.Defaults;
import dev.zos.core.gridtypes.HexBytes;

/**
 * A zmachine's mycelium address: the network to take it from and a 6-byte seed. zos declares the
 * network field without a JSON tag, so Go writes {@code Network}; the TypeScript client writes
 * {@code network}. Both are read; we write {@code network}, which Go's decoder matches too.
 */
public record MyceliumIp(
        @JsonProperty("network") @JsonAlias("Network") String network,
        @JsonProperty("hex_seed") HexBytes hexSeed) {
    public static final int SEED_LENGTH = 6;

    public MyceliumIp {
        network = Defaults.text(network);
        hexSeed = hexSeed == null ? HexBytes.EMPTY : hexSeed;
    }

    void challenge(Challenge c) {
        c.s(network).x(hexSeed);
    }
}
