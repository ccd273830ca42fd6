package dev.zos.core.gridtypes.workload;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.zos.core.gridtypes.Defaults;
import dev.zos.core.gridtypes.IpAddress;

/** A zmachine's address on one of the user's networks. */
public record MachineInterface(@JsonProperty("network") String network, @JsonProperty("ip") IpAddress ip) {
    public MachineInterface {
        network = Defaults.text(network);
        ip = ip == null ? IpAddress.NONE : ip;
    }
}
