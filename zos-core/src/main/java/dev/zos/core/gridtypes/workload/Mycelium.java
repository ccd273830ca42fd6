package dev.zos.core.gridtypes.workload;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.zos.core.gridtypes.Challenge;
import dev.zos.core.gridtypes.Defaults;
import dev.zos.core.gridtypes.FieldPath;
import dev.zos.core.gridtypes.HexBytes;
import java.util.List;

/** A network's mycelium node: its 32-byte key (hex) and peers. Challenge: key as %x, then each peer. */
public record Mycelium(@JsonProperty("hex_key") HexBytes hexKey, @JsonProperty("peers") List<String> peers) {
    public static final int KEY_LENGTH = 32;

    public Mycelium {
        hexKey = hexKey == null ? HexBytes.EMPTY : hexKey;
        peers = Defaults.list(peers);
    }

    void challenge(Challenge c) {
        c.x(hexKey);
        peers.forEach(c::s);
    }

    void validate(FieldPath at) {
        at.field("hex_key").require(hexKey.length() == KEY_LENGTH,
                "must be " + KEY_LENGTH + " bytes (64 hex digits), got " + hexKey.length());
        // zos refuses user-defined peer lists for now
        at.field("peers").require(peers.isEmpty(), "user defined mycelium peers are not supported yet");
    }
}
